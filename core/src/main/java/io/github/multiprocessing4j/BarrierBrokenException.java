package io.github.multiprocessing4j;

/**
 * A {@link Barrier} is broken (Python's {@code threading.BrokenBarrierError}): a party timed
 * out, it was aborted or reset, or its action failed. Named apart from
 * {@link java.util.concurrent.BrokenBarrierException}, which is checked.
 */
public class BarrierBrokenException extends ProcessException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what broke the barrier
     */
    public BarrierBrokenException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what broke the barrier
     * @param cause   the action's failure
     */
    public BarrierBrokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
