package io.github.multiprocessing4j.testing;

import java.util.function.BooleanSupplier;

/** Bounded waiting for a condition, so that a test never hangs and never races. */
public final class Await {

    private Await() {
    }

    /** Waits until {@code condition} holds, failing with {@code what} after {@code seconds}. */
    public static void until(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + seconds + " s waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }

    /**
     * @return true when a process with this pid is alive. A zombie (ended, not yet reaped, as an
     *         orphan is until init gets to it) counts as dead.
     */
    public static boolean alive(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (java.io.IOException | RuntimeException e) {
            return !java.nio.file.Files.isDirectory(java.nio.file.Path.of("/proc")); // no procfs: trust the handle
        }
    }
}
