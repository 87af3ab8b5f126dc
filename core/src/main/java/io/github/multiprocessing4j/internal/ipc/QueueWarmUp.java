package io.github.multiprocessing4j.internal.ipc;

import io.github.multiprocessing4j.JoinableQueue;
import io.github.multiprocessing4j.Queue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs the put and get paths of a queue enough times for the JIT to compile them, on queues in
 * this process's memory alone: what an idle warm JVM does before it is handed a process when the
 * application asks for it ({@code -Dmp4j.warm.queue=true}, see {@code WarmPool}), so that a
 * process that moves many items through a queue runs compiled code from its first items instead
 * of sharing the CPU with the compiler threads while it works. Measured on 2 cores, a fresh
 * producer of 200,000 small items spent about 250 ms of CPU in its compiler threads during the
 * loop without it, and its put cost 2-3 times as much CPU.
 *
 * <p>Compiled code is thrown away when it meets a branch or a class it never saw, so the
 * warm-up takes the branches a real process takes: a plain and a joinable queue; small and large
 * {@code byte[]} items and serialized values; a ring that wraps around, that fills up (so that
 * {@code put} waits for room or buffers in the feeder), and that runs empty (so that the
 * consumer sleeps and the producer wakes it). Its ring is small (256 KiB) so that all of it
 * happens within a few tens of thousands of items.
 */
public final class QueueWarmUp {

    /** Small items: enough calls for the JIT's last tier to compile put and get with their callees. */
    static final int SMALL_ITEMS = 30_000;
    private static final long CAPACITY = 256 << 10;
    private static final int PAUSE_EVERY = 4096;
    private static final byte[] END = new byte[0];
    /** How long the warm-up waits for its consumer at most (it takes milliseconds). */
    private static final Duration LIMIT = Duration.ofSeconds(10);

    private QueueWarmUp() {
    }

    /** Exercises the queues; never throws (a failed warm-up only costs the first process some time). */
    public static void run() {
        // Attaching a segment views bytes as a heap segment; with that class loaded first, the
        // compiled paths do not assume the mapped segment's class is the only one (and are not
        // thrown away at the first attach after the hand-over).
        MemorySegment.ofArray(new byte[8]).get(ValueLayout.JAVA_BYTE, 0);
        try {
            exercise(SharedQueue.createPrivate(CAPACITY, false), SMALL_ITEMS, false);
            exercise(SharedQueue.createPrivate(CAPACITY, true), SMALL_ITEMS / 10, true);
        } catch (RuntimeException | InterruptedException e) {
            // the warm-up is an optimization
        }
    }

    private static void exercise(Queue<Object> queue, int n, boolean joinable) throws InterruptedException {
        Thread consumer = new Thread(() -> consume(queue, joinable), "mp4j-warm-up-queue");
        consumer.setDaemon(true);
        consumer.start();
        try {
            byte[] small = new byte[64];
            byte[] large = new byte[Spill.LARGE];
            List<Object> values = List.of(42, "a string", 3.5, List.of(1, 2));
            for (int i = 0; i < n; i++) {
                queue.put(i % 16 == 0 ? values.get((i >> 4) % values.size()) : i % 256 == 1 ? large : small);
            }
            queue.put(END);
            if (joinable) {
                ((JoinableQueue<Object>) queue).join(LIMIT);
            }
        } finally {
            consumer.join(LIMIT.toMillis());
            consumer.interrupt();
        }
    }

    private static void consume(Queue<Object> queue, boolean joinable) {
        try {
            consumeAll(queue, joinable);
        } catch (RuntimeException e) {
            // interrupted, or the producer failed: the warm-up ends
        }
    }

    private static void consumeAll(Queue<Object> queue, boolean joinable) {
        for (int i = 1; ; i++) {
            Object item = queue.get(LIMIT);
            if (joinable) {
                ((JoinableQueue<Object>) queue).taskDone();
            }
            if (item instanceof byte[] bytes && bytes.length == 0) {
                return;
            }
            if (i % PAUSE_EVERY == 0) {
                LockSupport.parkNanos(1_000_000); // the producer fills the ring meanwhile
            }
        }
    }
}
