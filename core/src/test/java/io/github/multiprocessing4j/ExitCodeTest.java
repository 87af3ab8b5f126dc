package io.github.multiprocessing4j;

import io.github.multiprocessing4j.testing.Capture;
import io.github.multiprocessing4j.testing.Files2;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exit codes, as Python's (CPython's test_sys_exit, test_terminate, test_kill, test_stderr_flush). */
class ExitCodeTest {

    @TempDir
    Path dir;

    private static int exitCodeOf(SerializableRunnable target) {
        Process p = new Process(target);
        p.start();
        p.join();
        return p.exitCode();
    }

    @Test
    void normalReturnIsZero() {
        assertEquals(0, exitCodeOf(() -> { }));
    }

    @Test
    void systemExitGivesItsStatus() {
        assertEquals(7, exitCodeOf(() -> System.exit(7)));
        assertEquals(0, exitCodeOf(() -> System.exit(0)));
    }

    @Test
    void aStatusAbove128FromSystemExitIsNotMistakenForASignal() {
        assertEquals(137, exitCodeOf(() -> System.exit(137)));
        assertEquals(255, exitCodeOf(() -> System.exit(255)));
    }

    @Test
    void haltGivesItsStatus() {
        assertEquals(3, exitCodeOf(() -> Runtime.getRuntime().halt(3)));
    }

    @Test
    void anUncaughtExceptionIsOneWithTheTraceOnStderr() {
        try (Capture capture = new Capture()) {
            Process p = new Process("Failing", () -> {
                throw new IllegalStateException("boom in the child");
            });
            p.start();
            p.join();
            assertEquals(1, p.exitCode());
            String err = capture.err();
            assertTrue(err.startsWith("Process Failing:\n"), err);
            assertTrue(err.contains("java.lang.IllegalStateException: boom in the child"), err);
            assertTrue(err.contains("at io.github.multiprocessing4j.ExitCodeTest"), "the trace names the target's code: " + err);
        }
    }

    @Test
    void anErrorToo() {
        try (Capture capture = new Capture()) {
            assertEquals(1, exitCodeOf(() -> {
                throw new StackOverflowError("deep");
            }));
            assertTrue(capture.err().contains("java.lang.StackOverflowError: deep"), capture.err());
        }
    }

    /** Starts a process that signals it runs, then sleeps until it is stopped; returns once it runs. */
    private Process startedSleeper() throws Exception {
        String ready = dir.resolve("ready").toString();
        Process p = new Process(() -> {
            Files2.touch(ready);
            Files2.sleepForever();
        });
        p.start();
        Files2.awaitFile(ready);
        return p;
    }

    @Test
    void terminateIsMinus15() throws Exception {
        Process p = startedSleeper();
        p.terminate();
        p.join();
        assertEquals(-15, p.exitCode());
    }

    @Test
    void terminateBeforeTheChildRunsItsTargetIsMinus15Too() {
        Process p = new Process(() -> Files2.sleepForever());
        p.start();
        p.terminate();
        p.join();
        assertEquals(-15, p.exitCode());
    }

    @Test
    void killIsMinus9() throws Exception {
        Process p = startedSleeper();
        p.kill();
        p.join();
        assertEquals(-9, p.exitCode());
    }

    @Test
    void terminateSkipsFinallyBlocks() throws Exception {
        String ready = dir.resolve("ready").toString();
        Path finallyRan = dir.resolve("finally");
        String finallyPath = finallyRan.toString();
        Process p = new Process(() -> {
            try {
                Files2.touch(ready);
                Files2.sleepForever();
            } finally {
                Files2.touch(finallyPath);
            }
        });
        p.start();
        Files2.awaitFile(ready);
        p.terminate();
        p.join();
        assertEquals(-15, p.exitCode());
        assertTrue(java.nio.file.Files.notExists(finallyRan), "as Python's terminate: no finally, no hooks");
    }
}
