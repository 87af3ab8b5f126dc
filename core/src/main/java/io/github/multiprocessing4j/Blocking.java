package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.shm.Futex;

import java.time.Duration;
import java.util.Objects;

/** The conversions every blocking call of the shared-memory objects makes. */
final class Blocking {

    private Blocking() {
    }

    /** A wait that may be interrupted. */
    @FunctionalInterface
    interface Wait {
        boolean until(long deadline) throws InterruptedException;
    }

    /** @return the deadline for a timeout; null is refused */
    static long deadline(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout (use the form without one to wait without limit)");
        return Futex.deadline(timeout);
    }

    /** Runs {@code wait} until {@code deadline}, turning an interrupt into a {@link ProcessException}. */
    static boolean run(String what, long deadline, Wait wait) {
        try {
            return wait.until(deadline);
        } catch (InterruptedException e) {
            throw ProcessException.interrupted(what, e);
        }
    }

    /** @return a deadline in the past: try once, do not wait */
    static long now() {
        return System.nanoTime() - 1;
    }
}
