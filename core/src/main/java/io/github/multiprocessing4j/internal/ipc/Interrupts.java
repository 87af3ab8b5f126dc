package io.github.multiprocessing4j.internal.ipc;

import io.github.multiprocessing4j.ProcessException;

/** How a blocking call of this package reports an interrupt, as the public API promises. */
final class Interrupts {

    private Interrupts() {
    }

    /** Restores the interrupt flag and wraps {@code e}. */
    static ProcessException interrupted(String what, InterruptedException e) {
        Thread.currentThread().interrupt();
        return new ProcessException("interrupted while " + what, e);
    }
}
