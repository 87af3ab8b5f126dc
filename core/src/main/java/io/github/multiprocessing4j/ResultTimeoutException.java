package io.github.multiprocessing4j;

import java.io.Serial;

/**
 * A result was not ready in time (Python's {@code multiprocessing.TimeoutError}): thrown by
 * {@link AsyncResult#get(java.time.Duration)} and {@link ResultIterator#next(java.time.Duration)},
 * where the task goes on running; and as the failure of a task that ran past the pool's
 * {@link PoolOptions#taskTimeout(java.time.Duration) task timeout}, whose worker was killed.
 */
public class ResultTimeoutException extends ProcessException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was not ready in time
     */
    public ResultTimeoutException(String message) {
        super(message);
    }
}
