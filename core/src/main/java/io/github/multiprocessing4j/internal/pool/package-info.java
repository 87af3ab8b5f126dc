/**
 * The parent's side of a {@code Pool}: the engine that keeps worker JVMs, cuts map calls into
 * chunks, hands them out, matches results to calls and handles workers that die or run past a
 * timeout.
 *
 * <pre>
 *   Pool / ProcessPoolExecutor ──▶ PoolEngine ──▶ Dispatcher (who gets which chunk)
 *        (public API)                   │            WorkerSlot (one worker JVM: its state, what it holds)
 *                                       └──▶ Jobs: MapJob, ImapJob, ApplyBatch (what a call is waiting for)
 * </pre>
 * Work travels as {@code POOL_TASKS} messages and comes back as {@code POOL_RESULTS} (their codecs
 * are in {@code internal.protocol}); the worker's side is {@code internal.worker.PoolWorker}.
 *
 * <p>Layer: below the public API. Uses {@code internal.runtime} (worker JVMs), {@code
 * internal.protocol}, {@code internal.serial}. Never imports the public package: the API supplies
 * the exceptions results fail with ({@link io.github.multiprocessing4j.internal.pool.PoolErrors})
 * and adapts progress and {@code imap}'s iterator.
 */
package io.github.multiprocessing4j.internal.pool;
