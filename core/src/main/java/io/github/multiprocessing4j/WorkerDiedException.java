package io.github.multiprocessing4j;

import java.io.Serial;
import java.util.List;

/**
 * The pool worker running a task died before the task finished: killed by a signal, a call to
 * {@code System.exit} in a task, running out of heap (pool workers run with
 * {@code -XX:+ExitOnOutOfMemoryError}), or failing to start. Only the tasks that worker held
 * fail; the pool starts a replacement and goes on.
 *
 * <pre>{@code
 * try {
 *     pool.apply(() -> { System.exit(3); return null; });
 * } catch (WorkerDiedException e) {
 *     System.out.println(e.exitCode());   // 3 (a signal N gives -N, as Process.exitCode())
 * }
 * }</pre>
 * The message names the task (its index in the map call and its input, or the apply call) and
 * says "out of memory" when the worker ran out of heap. With {@link PoolOptions#retries(int)} a
 * task runs again when its worker dies, and fails only after the last attempt, with every
 * attempt in {@link #attempts()}.
 */
public class WorkerDiedException extends ProcessException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The worker's pid. */
    private final long pid;
    /** Its exit code: n for an exit with status n, -N for signal N. */
    private final int exitCode;
    /** The last lines it wrote to stderr. */
    private final String stderrTail;
    /** Every attempt of the task, this one last. */
    private final List<WorkerDiedException> attempts;

    /**
     * Creates the exception.
     *
     * @param message    what happened
     * @param pid        the worker's pid
     * @param exitCode   its exit code: {@code n} for an exit with status n, {@code -N} for signal N
     * @param stderrTail the last lines it wrote to stderr (may be empty)
     */
    public WorkerDiedException(String message, long pid, int exitCode, String stderrTail) {
        this(message, pid, exitCode, stderrTail, List.of());
    }

    /**
     * Creates the exception that ends a task run several times ({@link PoolOptions#retries(int)}).
     *
     * @param message    what happened, every attempt included
     * @param pid        the pid of the last worker
     * @param exitCode   its exit code
     * @param stderrTail the last lines it wrote to stderr
     * @param attempts   one exception per attempt, in order, the last one's death included
     */
    public WorkerDiedException(String message, long pid, int exitCode, String stderrTail,
                               List<WorkerDiedException> attempts) {
        super(message);
        this.pid = pid;
        this.exitCode = exitCode;
        this.stderrTail = stderrTail;
        this.attempts = List.copyOf(attempts);
    }

    /**
     * {@return the deaths of every attempt of the task, in order, when it was run more than once
     * ({@link PoolOptions#retries(int)}); else empty}
     */
    public List<WorkerDiedException> attempts() {
        return attempts;
    }

    /** {@return the pid of the worker that died} */
    public long pid() {
        return pid;
    }

    /** {@return its exit code: {@code n} for an exit with status n, {@code -N} when killed by signal N} */
    public int exitCode() {
        return exitCode;
    }

    /** {@return the last lines the worker wrote to stderr, possibly empty} */
    public String stderrTail() {
        return stderrTail;
    }
}
