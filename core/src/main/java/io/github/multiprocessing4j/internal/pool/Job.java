package io.github.multiprocessing4j.internal.pool;

/**
 * Where the results of a chunk go: one {@code map} call, one {@code imap} iterator, or a batch
 * of {@code apply} tasks. Called on the pool's internal threads, outside the pool's lock; an
 * implementation must be quick and must not throw.
 */
interface Job {

    /** @return the function of a map call, or null for apply tasks (which carry their own) */
    FunctionRef function();

    /**
     * The chunk ran: a column (see {@link io.github.multiprocessing4j.internal.serial.Column}) of one
     * value per item, a {@link io.github.multiprocessing4j.internal.serial.RemoteFailure} in place of
     * each item that failed.
     */
    void completed(Chunk chunk, Object results, PoolErrors errors);

    /** @return true when the job needs no more results (abandoned): its queued chunks are dropped */
    default boolean isDone() {
        return false;
    }

    /** The whole chunk failed: its worker died, it timed out, the pool was terminated. */
    void failed(Chunk chunk, Throwable error);
}
