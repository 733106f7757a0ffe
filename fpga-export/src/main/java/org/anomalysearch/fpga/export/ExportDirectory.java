package org.anomalysearch.fpga.export;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import org.anomalysearch.core.InvalidInputException;

/**
 * An export directory written all or nothing: the files go into a temporary directory beside the target
 * ({@code .<name>.<random>.tmp}), which {@link #install()} renames onto the target (an old export is moved aside
 * first and deleted after); {@link #close()} removes whatever is left, so a failure never leaves a partial export.
 */
final class ExportDirectory implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private final String tag;

    private ExportDirectory(Path target, Path temp, String tag) {
        this.target = target;
        this.temp = temp;
        this.tag = tag;
    }

    /** Checks the target (parent exists; absent unless {@code overwrite}; a directory if present). */
    static void check(Path outDir, boolean overwrite) throws IOException {
        Path target = outDir.toAbsolutePath().normalize();
        Path parent = target.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new InvalidInputException(outDir.toString(), null, "the parent directory " + parent
                    + " does not exist", "create it first");
        }
        if (Files.exists(target) && !overwrite) {
            throw new FileAlreadyExistsException(outDir.toString());
        }
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new InvalidInputException(outDir.toString(), null, "exists and is not a directory",
                    "give a directory path for the export");
        }
    }

    /** {@link #check} and a new temporary directory beside the target. */
    static ExportDirectory create(Path outDir, boolean overwrite) throws IOException {
        check(outDir, overwrite);
        Path target = outDir.toAbsolutePath().normalize();
        String tag = Long.toHexString(ThreadLocalRandom.current().nextLong());
        Path temp = target.getParent().resolve("." + target.getFileName() + "." + tag + ".tmp");
        Files.createDirectory(temp);
        return new ExportDirectory(target, temp, tag);
    }

    /** The temporary directory the files are written into. */
    Path temp() {
        return temp;
    }

    /** The final directory. */
    Path target() {
        return target;
    }

    /** Renames the finished temporary directory onto the target (moving an old export aside first). */
    void install() throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = target.resolveSibling("." + target.getFileName() + "." + tag + ".old");
            move(target, old);
        }
        try {
            move(temp, target);
        } catch (IOException e) {
            if (old != null) {
                move(old, target);
            }
            throw e;
        }
        if (old != null) {
            deleteTree(old);
        }
    }

    @Override
    public void close() {
        deleteTree(temp);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + from + " to " + to + " atomically: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // best effort: a leftover temporary directory is harmless and named as such
        }
    }
}
