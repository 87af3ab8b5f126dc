package io.github.multiprocessing4j.internal.spi;

import java.util.concurrent.CompletableFuture;

/** A started child as its backend controls it: what {@code Process} needs once it has started. */
public interface ProcessControl {

    /** @return the child's operating-system process id */
    long pid();

    /**
     * @return completed with the exit code (negative: killed by that signal) once the child has
     *         ended and its output has arrived
     */
    CompletableFuture<Integer> end();

    /**
     * Signals the child, if it has not ended.
     *
     * @param kill SIGKILL when true, SIGTERM otherwise
     */
    void signal(boolean kill);

    /**
     * Interrupts the thread that runs the child's target, if the child has not ended
     * ({@code Process.interrupt()}).
     *
     * @param processName the process's name (a JVM that runs processes in turn checks it)
     */
    void interrupt(String processName);
}
