package io.github.multiprocessing4j.internal.pool;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * The queue of a pool's work and the policy that hands it to workers. Not thread-safe: every
 * method runs under the pool's lock ({@link PoolEngine}).
 *
 * <ul>
 *   <li>Work is encoded map chunks and single apply tasks, in submission order; work given back
 *       (recalled, or unstarted on a worker that died) goes to the front.</li>
 *   <li>{@link #pump} gives one chunk to each idle READY worker, then a second to each, up to
 *       {@code prefetch} (2; 1 with a task timeout, so that the deadline of a chunk is the
 *       worker's time on it). Workers are visited in rotation. The second chunk keeps a worker
 *       busy while its next results travel (the gap between tiny tasks).</li>
 *   <li>No worker idles while work waits: when the queue is empty and a worker is idle, a
 *       worker that holds a chunk it has not started is asked for it back
 *       ({@link WorkerSlot#recall()}); given back, it goes to the front of the queue and so to
 *       the idle worker. One recall per idle worker at a time.</li>
 *   <li>Consecutive apply tasks leave as one chunk when they are known to be short: the batch
 *       holds about {@value #BATCH_NANOS} ns of work by the task duration the workers measure (at most
 *       {@value #MAX_BATCH} tasks, and no more than a fair share of what is queued). Until a
 *       duration is measured, and with a task timeout, tasks leave one by one: a long task never
 *       waits behind another in one worker while another worker is free.</li>
 *   <li>A worker that reaches {@code maxTasksPerChild} becomes RETIRING: it gets nothing more.</li>
 * </ul>
 */
final class Dispatcher {

    private static final int MAX_BATCH = 64;
    private static final double BATCH_NANOS = 2_000_000;

    private final ArrayDeque<Work> queue = new ArrayDeque<>();
    private final int prefetch;
    private final int maxTasksPerChild;
    private final long timeoutNanos;
    private final BiConsumer<WorkerSlot, Chunk> onDeadline;
    private long chunkIds;
    private int rotation;
    /** How long an apply task runs in a worker: a moving average, NaN until measured. */
    private double nanosPerTask = Double.NaN;

    /**
     * @param onDeadline called (on a timer thread) when a chunk given to a worker is overdue;
     *                   only with a task timeout
     */
    Dispatcher(int maxTasksPerChild, long timeoutNanos, BiConsumer<WorkerSlot, Chunk> onDeadline) {
        this.maxTasksPerChild = maxTasksPerChild;
        this.timeoutNanos = timeoutNanos;
        this.prefetch = timeoutNanos > 0 ? 1 : 2;
        this.onDeadline = onDeadline;
    }

    long nextChunkId() {
        return ++chunkIds;
    }

    void add(Work work) {
        queue.add(work);
    }

    /** Puts chunks given back (recalled, or unstarted on a dead worker) at the front, in their order. */
    void giveBack(List<Chunk> chunks) {
        for (int i = chunks.size() - 1; i >= 0; i--) {
            queue.addFirst(chunks.get(i));
        }
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** Drops the queued chunks of a job abandoned at its call site. */
    void withdraw(Job job) {
        queue.removeIf(work -> work instanceof Chunk c && c.job == job);
    }

    /**
     * Hands queued work to the READY workers, then recalls unstarted chunks for idle ones; the
     * workers sent something are added to {@code touched}.
     */
    void pump(List<WorkerSlot> slots, List<WorkerSlot> touched) {
        int n = slots.size();
        for (int depth = 1; depth <= prefetch && !queue.isEmpty(); depth++) {
            for (int k = 0; k < n && !queue.isEmpty(); k++) {
                WorkerSlot slot = slots.get((rotation + k) % n);
                if (slot.canTake(depth)) {
                    Chunk chunk = next(slot, n);
                    if (chunk != null) {
                        assign(slot, chunk, touched);
                    }
                }
            }
        }
        rotation++;
        if (queue.isEmpty()) {
            recallForIdle(slots, touched);
        }
    }

    private static void recallForIdle(List<WorkerSlot> slots, List<WorkerSlot> touched) {
        int idle = 0;
        int pending = 0;
        for (WorkerSlot slot : slots) {
            idle += slot.isIdle() ? 1 : 0;
            pending += slot.isRecalling() ? 1 : 0;
        }
        while (pending < idle) {
            WorkerSlot from = null;
            for (WorkerSlot slot : slots) {
                if (slot.canRecall() && (from == null || slot.holding() > from.holding())) {
                    from = slot;
                }
            }
            if (from == null) {
                return;
            }
            from.recall();
            touched.add(from);
            pending++;
        }
    }

    private Chunk next(WorkerSlot slot, int workers) {
        while (queue.peek() instanceof Chunk c) {
            queue.poll();
            if (!c.job.isDone()) {
                return c;
            }
        }
        long allowance = maxTasksPerChild > 0 ? maxTasksPerChild - slot.tasks() : MAX_BATCH;
        long byDuration = Double.isNaN(nanosPerTask) ? 1 : (long) Math.min(MAX_BATCH, BATCH_NANOS / Math.max(1, nanosPerTask));
        int limit = timeoutNanos > 0 ? 1 : (int) Math.max(1, Math.min(Math.min(byDuration, allowance),
                queue.size() / (2L * Math.max(1, workers))));
        List<ApplyTask> batch = new ArrayList<>();
        while (batch.size() < limit && queue.peek() instanceof ApplyTask task) {
            queue.poll();
            if (!task.future().isDone()) { // cancelled while queued
                batch.add(task);
            }
        }
        return batch.isEmpty() ? null : ApplyBatch.chunk(nextChunkId(), batch);
    }

    private void assign(WorkerSlot slot, Chunk chunk, List<WorkerSlot> touched) {
        PoolEvents.Tasks event = new PoolEvents.Tasks();
        if (event.isEnabled()) {
            event.begin();
            chunk.event = event;
        }
        long given = slot.give(chunk);
        touched.add(slot);
        if (maxTasksPerChild > 0 && given >= maxTasksPerChild) {
            slot.retire();
        }
        if (timeoutNanos > 0) {
            long delay = Math.multiplyHigh(timeoutNanos, chunk.count) == 0 ? timeoutNanos * chunk.count : Long.MAX_VALUE / 2;
            CompletableFuture.delayedExecutor(delay, java.util.concurrent.TimeUnit.NANOSECONDS)
                    .execute(() -> onDeadline.accept(slot, chunk));
        }
    }

    /**
     * A chunk came back: learn how long its apply tasks run, as the worker timed them. (Timed here,
     * from dispatch to result, the figure holds the time a batch waits in the worker and on the
     * way: small batches wait longer per task, which made the next batches smaller still —
     * measured, tiny tasks settled at 40,000 a second in some runs and 400,000 in others.)
     *
     * @param workNanos how long the worker ran the chunk's tasks
     */
    void completed(Chunk chunk, long workNanos) {
        if (chunk.job instanceof ApplyBatch && workNanos > 0) {
            double perTask = (double) workNanos / chunk.count;
            nanosPerTask = Double.isNaN(nanosPerTask) ? perTask : 0.8 * nanosPerTask + 0.2 * perTask;
        }
    }

    /**
     * Empties the queue: its chunks are returned; its apply tasks fail here with {@code error},
     * and their futures are added to {@code neverStarted}.
     */
    List<Chunk> drain(Throwable error, List<CompletableFuture<Object>> neverStarted) {
        List<Chunk> chunks = new ArrayList<>();
        for (Work work : queue) {
            switch (work) {
                case Chunk c -> chunks.add(c);
                case ApplyTask task -> {
                    neverStarted.add(task.future());
                    task.future().completeExceptionally(error);
                }
            }
        }
        queue.clear();
        return chunks;
    }
}
