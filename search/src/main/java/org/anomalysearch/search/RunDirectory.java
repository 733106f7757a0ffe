package org.anomalysearch.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.anomalysearch.io.AtomicOutput;
import org.anomalysearch.results.Checkpoint;
import org.anomalysearch.results.ResultsCodec;

/**
 * A run directory {@code runs/<name>/} with checkpoints. Every file is written atomically (a temporary file in the
 * same directory, then a rename), so a crash or kill leaves either the old or the new file, never half of one. A
 * stage is done when its marker {@code checkpoints/<stage>.done} exists and records the same inputs hash as the
 * current run: the marker ({@link Checkpoint}, JSON through {@link ResultsCodec}) is written (atomically) only after
 * the stage's outputs, and holds the stage's typed result, so a resumed run rebuilds {@code results.json} from
 * exactly the values of the first run.
 *
 * <p>Layout: {@code config.yaml}, {@code provenance.json}, {@code data/} (the event table), {@code checkpoints/},
 * {@code windows/}, {@code models/} and {@code plots/} (written by the ML stages), {@code results.json}.
 */
public final class RunDirectory {

    /** Sub-directory of the stage markers. */
    public static final String CHECKPOINTS = "checkpoints";

    private final Path root;

    private RunDirectory(Path root) {
        this.root = root;
    }

    /** Opens {@code root}, creating it and its sub-directories when absent. */
    public static RunDirectory open(Path root) throws IOException {
        Path r = root.toAbsolutePath().normalize();
        for (String d : new String[] {CHECKPOINTS, "data", "windows", "models", "plots"}) {
            Files.createDirectories(r.resolve(d));
        }
        return new RunDirectory(r);
    }

    public Path root() {
        return root;
    }

    /** A path inside the run directory. */
    public Path resolve(String relative) {
        return root.resolve(relative);
    }

    /** Writes {@code text} (UTF-8) to {@code relative} atomically, replacing an earlier version. */
    public void write(String relative, String text) throws IOException {
        Path target = resolve(relative);
        Files.createDirectories(target.getParent());
        AtomicOutput.write(target, true, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }

    /**
     * The result of {@code stage} if it is done with these inputs; empty if absent or made from other inputs.
     *
     * @param type the type of the stage's result ({@code Void} for a stage whose outputs are files)
     */
    public <T> Optional<Checkpoint<T>> done(String stage, String inputsHash, Class<T> type) throws IOException {
        Path marker = marker(stage);
        if (!Files.isRegularFile(marker)) {
            return Optional.empty();
        }
        Checkpoint<T> c = ResultsCodec.readCheckpoint(marker, type);
        return inputsHash.equals(c.inputs()) ? Optional.of(c) : Optional.empty();
    }

    /** Marks {@code stage} done with these inputs and its result (null: none); write the stage's outputs first. */
    public <T> Checkpoint<T> markDone(String stage, String inputsHash, T value) throws IOException {
        Checkpoint<T> c = new Checkpoint<>(stage, inputsHash, value);
        write(CHECKPOINTS + "/" + stage + ".done", ResultsCodec.write(c));
        return c;
    }

    /** Removes the marker of {@code stage} (forces a rerun). */
    public void clear(String stage) throws IOException {
        Files.deleteIfExists(marker(stage));
    }

    private Path marker(String stage) {
        if (!stage.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("stage names are [A-Za-z0-9._-]+, got '" + stage + "'");
        }
        return root.resolve(CHECKPOINTS).resolve(stage + ".done");
    }
}
