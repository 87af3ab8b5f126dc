package io.github.multiprocessing4j;

/**
 * A bounded {@link Queue} had no room for an item: {@link Queue#putNowait}, or
 * {@link Queue#put(Object, java.time.Duration)} whose timeout ran out. Python's {@code queue.Full}.
 * The item was not put.
 */
public class QueueFullException extends ProcessException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was full, and for how long it was waited on
     */
    public QueueFullException(String message) {
        super(message);
    }
}
