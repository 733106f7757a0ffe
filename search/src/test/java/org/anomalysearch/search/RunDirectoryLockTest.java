package org.anomalysearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.anomalysearch.core.AnalysisException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18, item 6: one writer per run directory, stale locks taken over, temporaries of a killed run removed. */
class RunDirectoryLockTest {

    @TempDir
    Path tmp;

    @Test
    void aSecondLockFailsAtOnceNamingTheHolderAndTheFirstKeepsIt() throws IOException {
        Path root = tmp.resolve("runs/a");
        try (RunDirectory.Lock first = RunDirectory.lock(root)) {
            AnalysisException e = assertThrows(AnalysisException.class, () -> RunDirectory.lock(root));
            assertTrue(e.getMessage().contains("is in use by process " + ProcessHandle.current().pid()), e.getMessage());
            assertEquals(ProcessHandle.current().pid() + "", Files.readString(root.resolve(RunDirectory.LOCK)).trim());
        }
        assertFalse(Files.exists(root.resolve(RunDirectory.LOCK)), "closing removes the lock");
        RunDirectory.lock(root).close();
    }

    @Test
    void aLiveOtherProcessHoldsTheLockAndADeadOneLeavesItStale() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("runs/b"));
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            Files.writeString(root.resolve(RunDirectory.LOCK), sleeper.pid() + "\n");
            AnalysisException e = assertThrows(AnalysisException.class, () -> RunDirectory.lock(root));
            assertTrue(e.getMessage().contains("in use by process " + sleeper.pid()), e.getMessage());
        } finally {
            sleeper.destroy();
            sleeper.waitFor();
        }
        // its process is gone now: the lock is stale and is taken over
        try (RunDirectory.Lock l = RunDirectory.lock(root)) {
            assertEquals(ProcessHandle.current().pid() + "", Files.readString(root.resolve(RunDirectory.LOCK)).trim());
        }
        Files.writeString(root.resolve(RunDirectory.LOCK), "");
        RunDirectory.lock(root).close(); // an unreadable (half-written) lock is stale too
    }

    @Test
    void resumeRemovesTheTemporariesOfAKilledRunOnly() throws IOException {
        RunDirectory dir = RunDirectory.open(tmp.resolve("runs/c"));
        Path stale = dir.resolve("data/.events.parquet.1f2e3d.tmp");
        Files.writeString(stale, "half a file");
        Path kept = dir.resolve("data/events.parquet");
        Files.writeString(kept, "whole");
        assertEquals(1, dir.removeStaleTemporaries());
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(kept));
    }
}
