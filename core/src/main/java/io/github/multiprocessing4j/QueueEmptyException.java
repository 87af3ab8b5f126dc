package io.github.multiprocessing4j;

/**
 * A {@link Queue} had no item to give: {@link Queue#getNowait()}, or {@link Queue#get(java.time.Duration)}
 * whose timeout ran out. Python's {@code queue.Empty}.
 */
public class QueueEmptyException extends ProcessException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was empty, and for how long it was waited on
     */
    public QueueEmptyException(String message) {
        super(message);
    }
}
