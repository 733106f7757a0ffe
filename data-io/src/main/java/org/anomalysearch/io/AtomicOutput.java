package org.anomalysearch.io;

import org.anomalysearch.core.InvalidInputException;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Atomic, non-destructive creation of one output file: the content goes to a temporary file in the target's
 * directory, which is renamed onto the target by {@link #commit()} ({@code ATOMIC_MOVE}). {@link #close()}
 * without a commit deletes the temporary file, so a failed write leaves nothing behind. An existing target
 * is an {@link OutputExistsException} unless {@code overwrite} is set.
 *
 * <pre>{@code
 * try (AtomicOutput out = AtomicOutput.create(target, overwrite)) {
 *     write(out.tempFile());
 *     out.commit();
 * }
 * }</pre>
 * The temporary file is named {@code .<target name>.<random>.tmp} and does not exist when {@link #create}
 * returns (writers that insist on creating their file themselves, like Parquet's, can).
 */
public final class AtomicOutput implements AutoCloseable {

    private final Path target;
    private final Path temp;
    private final boolean overwrite;
    private boolean committed;

    private AtomicOutput(Path target, Path temp, boolean overwrite) {
        this.target = target;
        this.temp = temp;
        this.overwrite = overwrite;
    }

    /**
     * Checks that {@code target} may be written (its directory exists, it is not a directory, it does not
     * exist unless {@code overwrite}) and reserves a temporary path beside it.
     */
    public static AtomicOutput create(Path target, boolean overwrite) {
        Path abs = target.toAbsolutePath().normalize();
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new InvalidInputException(target.toString(), null,
                    "the output directory " + dir + " does not exist", "create it first");
        }
        if (Files.isDirectory(abs)) {
            throw new InvalidInputException(target.toString(), null, "the output path is a directory",
                    "give a file name");
        }
        if (Files.exists(abs) && !overwrite) {
            throw new OutputExistsException(target);
        }
        Path temp = dir.resolve("." + abs.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + ".tmp");
        return new AtomicOutput(abs, temp, overwrite);
    }

    /**
     * Runs {@code body} on the temporary file and commits; on any failure the temporary file is deleted and the
     * exception propagates.
     */
    public static void write(Path target, boolean overwrite, PathWriter body) throws IOException {
        try (AtomicOutput out = create(target, overwrite)) {
            body.write(out.tempFile());
            out.commit();
        }
    }

    /** Writes the content of an output file at the given (temporary) path. */
    @FunctionalInterface
    public interface PathWriter {
        void write(Path path) throws IOException;
    }

    /** The final output path (absolute). */
    public Path target() {
        return target;
    }

    /** Where to write the content. */
    public Path tempFile() {
        return temp;
    }

    public boolean committed() {
        return committed;
    }

    /** Renames the temporary file onto the target, atomically. */
    public void commit() throws IOException {
        if (committed) {
            return;
        }
        if (!Files.exists(temp)) {
            throw new IOException("nothing was written to " + temp + " for " + target);
        }
        if (!overwrite && Files.exists(target)) {
            throw new OutputExistsException(target);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + temp + " to " + target + " atomically: " + e.getMessage(), e);
        }
        committed = true;
    }

    /** Deletes the temporary file unless committed; never throws. */
    @Override
    public void close() {
        if (!committed) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // best effort: nothing more can be done about a temporary file that cannot be deleted
            }
        }
    }
}
