package io.github.multiprocessing4j;

import java.io.Serial;

/**
 * A pool task failed in a way that cannot be rethrown as the task's own exception:
 * <ul>
 *   <li>it threw a checked exception (the cause is that exception, with its remote stack trace);</li>
 *   <li>it threw an exception that cannot be rebuilt in this JVM (not serializable, or its class
 *       cannot be read here): the message names the remote class and message, and
 *       {@link #remoteStackTrace()} holds the remote {@code printStackTrace} text;</li>
 *   <li>its result could not be serialized (the message names the type), or the task, its
 *       function or its item could not be deserialized in the worker.</li>
 * </ul>
 * An unchecked exception thrown by a task reaches the caller as itself, not as this.
 *
 * <pre>{@code
 * try {
 *     pool.apply(() -> { throw new java.io.IOException("disk full"); });
 * } catch (TaskFailedException e) {
 *     System.out.println(e.getCause());          // java.io.IOException: disk full
 * }
 * }</pre>
 */
public class TaskFailedException extends ProcessException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The worker's exception class, by name. */
    private final String remoteClassName;
    /** The worker's stack trace, as text. */
    private final String remoteStackTrace;

    /**
     * Creates the exception.
     *
     * @param message          what failed
     * @param remoteClassName  the class of the remote exception, or null
     * @param remoteStackTrace the remote stack trace as text, or null
     * @param cause            the remote exception when it could be rebuilt, or null
     */
    public TaskFailedException(String message, String remoteClassName, String remoteStackTrace, Throwable cause) {
        super(message, cause);
        this.remoteClassName = remoteClassName;
        this.remoteStackTrace = remoteStackTrace;
    }

    /** {@return the class name of the exception raised in the worker, or null} */
    public String remoteClassName() {
        return remoteClassName;
    }

    /** {@return the worker's stack trace of the failure, as text, or null} */
    public String remoteStackTrace() {
        return remoteStackTrace;
    }
}
