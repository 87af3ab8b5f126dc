package io.github.multiprocessing4j.internal.pool;

/**
 * What waits in a pool's queue: a {@link Chunk} of a map call (encoded at its call site), or an
 * {@link ApplyTask} (tasks queued one after the other leave together, as one chunk).
 */
sealed interface Work permits Chunk, ApplyTask {
}
