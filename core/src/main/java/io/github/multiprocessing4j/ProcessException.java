package io.github.multiprocessing4j;

/**
 * The base of every exception multiprocessing4j throws of its own (Python's {@code ProcessError}).
 * All of them are unchecked.
 *
 * <p>A blocking call interrupted by {@link Thread#interrupt()} restores the thread's interrupt
 * flag and throws a {@code ProcessException} whose cause is the {@link InterruptedException}.
 */
public class ProcessException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong
     */
    public ProcessException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong
     * @param cause   the underlying failure
     */
    public ProcessException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Restores the interrupt flag and wraps {@code e}: the one way the library's blocking calls
     * report an interrupt.
     *
     * <pre>{@code
     * } catch (InterruptedException e) {
     *     throw ProcessException.interrupted("waiting for the queue", e);
     * }
     * }</pre>
     *
     * @param what the call that was interrupted, for the message
     * @param e    the interrupt
     * @return the exception to throw
     */
    public static ProcessException interrupted(String what, InterruptedException e) {
        Thread.currentThread().interrupt();
        return new ProcessException("interrupted while " + what, e);
    }
}
