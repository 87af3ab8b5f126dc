package io.github.multiprocessing4j.internal.pool;

import java.util.concurrent.CompletableFuture;

/**
 * One {@code apply} task waiting for a worker: the serialized callable and its future. Tasks
 * queued one after the other leave together, as one chunk ({@link ApplyBatch}).
 *
 * @param number the task's number among the pool's apply calls, from 1 (named when its worker dies)
 * @param bytes  the serialized {@code SerializableCallable}
 * @param future completed with the task's outcome; a task whose future is already done
 *               (cancelled) when a worker becomes free is dropped
 */
record ApplyTask(long number, byte[] bytes, CompletableFuture<Object> future) implements Work {
}
