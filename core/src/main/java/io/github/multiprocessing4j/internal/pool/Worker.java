package io.github.multiprocessing4j.internal.pool;

import io.github.multiprocessing4j.internal.protocol.Frame;

/**
 * A pool worker as the engine sees it: something that takes frames, sends frames back (to the
 * {@code onMessage} given to its {@link WorkerLauncher}), and ends with an exit code. The real one
 * is a child JVM ({@link JvmWorkers}); the engine's tests use fakes that run in the test's JVM.
 */
public interface Worker {

    /** @return the worker's process name, as {@code SpawnPoolWorker-3} */
    String name();

    /** @return the worker's pid */
    long pid();

    /** Sends frames, in order, at once (one write); frames arrive in the order sent. Never blocks for long, never throws. */
    void send(java.util.List<Frame> frames);

    /** Asks the worker to end now (SIGTERM). */
    void terminate();

    /** Ends the worker now (SIGKILL). */
    void kill();

    /** @return true until the worker has exited */
    boolean isAlive();

    /** @return the last {@code lines} lines the worker wrote to stdout */
    String stdoutTail(int lines);

    /** @return the last {@code lines} lines the worker wrote to stderr */
    String stderrTail(int lines);

    /**
     * Waits (at most {@code millis}) until this many bytes of the worker's stdout and stderr have
     * been copied to this JVM's streams.
     */
    void awaitOutput(long stdoutBytes, long stderrBytes, long millis) throws InterruptedException;

    /** @return what the worker says it is doing ({@link WorkerStatus}); all zero before it is ready */
    WorkerStatus.Snapshot status();

    /**
     * @return true when the worker ended with its machine (a cluster agent that left): its last
     *         status may be stale, so the first chunk it held counts as started (run again only
     *         as the retries option allows, never silently)
     */
    default boolean lost() {
        return false;
    }
}
