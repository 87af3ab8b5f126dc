package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.runtime.RunDirectory;
import io.github.multiprocessing4j.testing.Await;
import io.github.multiprocessing4j.testing.JavaProgram;
import io.github.multiprocessing4j.testing.programs.ParentProgram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Children do not outlive their parent, however it ends; a killed parent's run is swept. */
class ParentDeathTest {

    @TempDir
    Path dir;

    @Test
    void aChildWhoseParentIsKilledExits() throws Exception {
        long childPid;
        Path run;
        try (JavaProgram parent = JavaProgram.start(ParentProgram.class, "orphan")) {
            run = Path.of(parent.valueOf("run="));
            childPid = Long.parseLong(parent.valueOf("child="));
            assertEquals("ready", parent.valueOf("ready").isEmpty() ? "ready" : "?");
            assertTrue(Await.alive(childPid));
            assertTrue(Files.isDirectory(run));
            parent.process().toHandle().destroyForcibly(); // SIGKILL: no hooks, nothing tidied
            parent.process().waitFor();
            Await.until("the orphaned child " + childPid + " to exit", 20, () -> !Await.alive(childPid));
        }
        // A SIGKILLed root cannot tidy its run directory (another root starting meanwhile may sweep it).
        RunDirectory.sweep();
        assertFalse(Files.exists(run), "the next sweep removes the dead run");
    }

    @Test
    void atNormalExitDaemonsAreTerminatedAndOthersJoined() throws Exception {
        checkExit("return");
    }

    /** Python's parent does not wait for its children when it is made to exit: neither does a JVM. */
    @Test
    void atSystemExitEveryChildIsTerminatedAndTheRunRemoved() throws Exception {
        Path marker = dir.resolve("marker-exit");
        try (JavaProgram parent = JavaProgram.start(ParentProgram.class, "exit", marker.toString())) {
            Path run = Path.of(parent.valueOf("run="));
            long daemonPid = Long.parseLong(parent.valueOf("daemon="));
            long childPid = Long.parseLong(parent.valueOf("child="));
            parent.rest();
            assertEquals(0, parent.process().exitValue());
            assertFalse(Await.alive(childPid), "the non-daemon child was terminated, not waited for");
            assertFalse(Await.alive(daemonPid));
            assertFalse(Files.exists(marker), "the non-daemon child did not get to finish");
            assertFalse(Files.exists(run), "the root removed its run directory at exit");
        }
    }

    /**
     * SIGTERM ends a root whose non-daemon child is blocked for good (in {@code Queue.get}): the
     * child gets its own SIGTERM, the run is removed, all within a few seconds.
     */
    @Test
    void sigtermEndsARootWhoseChildIsBlockedAndTheChildToo() throws Exception {
        try (JavaProgram parent = JavaProgram.start(ParentProgram.class, "blocked")) {
            Path run = Path.of(parent.valueOf("run="));
            long childPid = Long.parseLong(parent.valueOf("child="));
            assertTrue(Await.alive(childPid));
            parent.process().destroy(); // SIGTERM
            assertTrue(parent.process().waitFor(10, java.util.concurrent.TimeUnit.SECONDS), "the root ended within 10 s");
            Await.until("the blocked child " + childPid + " to be terminated", 10, () -> !Await.alive(childPid));
            assertFalse(Files.exists(run), "the root removed its run directory");
        }
    }

    private void checkExit(String mode) throws Exception {
        Path marker = dir.resolve("marker-" + mode);
        try (JavaProgram parent = JavaProgram.start(ParentProgram.class, mode, marker.toString())) {
            Path run = Path.of(parent.valueOf("run="));
            long daemonPid = Long.parseLong(parent.valueOf("daemon="));
            long childPid = Long.parseLong(parent.valueOf("child="));
            parent.rest();
            assertEquals(0, parent.process().exitValue());
            assertTrue(Files.exists(marker), "the non-daemon child was waited for");
            assertFalse(Await.alive(childPid));
            Await.until("the daemon child " + daemonPid + " to be terminated", 20, () -> !Await.alive(daemonPid));
            assertFalse(Files.exists(run), "the root removed its run directory at exit");
        }
    }
}
