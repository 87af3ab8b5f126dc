package io.github.multiprocessing4j;

import java.io.Serializable;

/**
 * A {@link Runnable} that can cross a process boundary: the target of a {@link Process}.
 *
 * <p>A lambda written where a {@code SerializableRunnable} is expected is serializable by the
 * compiler; what it captures must be serializable too. That is checked when the process starts,
 * and a capture that is not serializable fails there with an {@link IllegalArgumentException}
 * naming its type.
 *
 * <pre>{@code
 * int n = 10;                                           // captured: an Integer, serializable
 * Process p = new Process(() -> System.out.println(n * n));
 * p.start();
 * p.join();                                             // the child printed 100
 * }</pre>
 */
@FunctionalInterface
public interface SerializableRunnable extends Serializable {
    /**
     * Runs the task.
     *
     * @throws Exception anything; in a child process an uncaught exception prints
     *                   {@code Process <name>:} and its stack trace to stderr, and the exit code is 1
     */
    void run() throws Exception;
}
