package org.anomalysearch.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.LinkOption;
import java.util.List;
import java.util.stream.Stream;
import org.anomalysearch.core.AnalysisException;
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

    /** The lock file of a run directory: the process id of the run writing it. */
    public static final String LOCK = ".lock";

    /**
     * Locks {@code root} (created when absent) for this process: {@link #LOCK} is made atomically holding this
     * process's id. A lock held by a live process (this one included: a run in progress) fails at once naming it;
     * a lock whose process is gone (a killed run) is stale and taken over.
     */
    public static Lock lock(Path root) throws IOException {
        Path r = root.toAbsolutePath().normalize();
        Files.createDirectories(r);
        Path lock = r.resolve(LOCK);
        long me = ProcessHandle.current().pid();
        for (int attempt = 0; attempt < 3; attempt++) {
            Path tmp = Files.createTempFile(r, ".lock.", ".tmp");
            try {
                Files.writeString(tmp, me + "\n", StandardCharsets.UTF_8);
                Files.createLink(lock, tmp);
                return new Lock(lock, me);
            } catch (FileAlreadyExistsException e) {
                long owner = owner(lock);
                if (owner == me || (owner > 0 && ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false))) {
                    throw new AnalysisException("run directory " + r + " is in use by process " + owner
                            + " (lock file " + lock + ")", "wait for that run to finish, or choose another --name; "
                            + "if no such run is going on, delete the lock file");
                }
                Files.deleteIfExists(lock); // stale: its process is gone
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        throw new AnalysisException("run directory " + r + ": cannot take the lock " + lock,
                "another run keeps taking it; try again");
    }

    /** The process id in a lock file, or -1 if it cannot be read (a lock being replaced). */
    private static long owner(Path lock) {
        try {
            return Long.parseLong(Files.readString(lock, StandardCharsets.UTF_8).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** A held run-directory lock; closing removes the lock file if it is still this lock's. Idempotent. */
    public static final class Lock implements AutoCloseable {
        private final Path file;
        private final long pid;
        private boolean closed;

        private Lock(Path file, long pid) {
            this.file = file;
            this.pid = pid;
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (owner(file) == pid) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // a lock left behind is stale once this process ends, and is taken over then
                }
            }
        }
    }

    /**
     * Deletes the temporary files ({@code .<name>.<random>.tmp}, see {@link AtomicOutput}) a killed run left
     * anywhere in the directory; call it while holding the {@link #lock}, before resuming. Returns how many.
     */
    public int removeStaleTemporaries() throws IOException {
        List<Path> stale;
        try (Stream<Path> files = Files.walk(root)) {
            stale = files.filter(f -> {
                String n = f.getFileName().toString();
                return n.startsWith(".") && n.endsWith(".tmp") && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS);
            }).toList();
        }
        for (Path f : stale) {
            Files.deleteIfExists(f);
        }
        return stale.size();
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
        Checkpoint<T> c;
        try {
            c = ResultsCodec.readCheckpoint(marker, type);
        } catch (AnalysisException e) {
            return Optional.empty(); // a damaged marker is not a checkpoint of these inputs: the stage runs again
        }
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
