package io.github.multiprocessing4j.internal.ipc;

import io.github.multiprocessing4j.JoinableQueue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.List;

/**
 * Runs the put and get paths of a queue enough times for the JIT to compile them, on a queue in
 * this process's memory alone: what an idle warm JVM does before it is handed a process, so that
 * a process that moves many items through a queue runs compiled code from its first items instead
 * of paying the interpreter and the compiler threads while it works. One thread puts, another
 * gets, so that the waiting and waking paths are taken too; the items are those the paths branch
 * on: small and large {@code byte[]} (copied as they are) and a few serialized values.
 */
public final class QueueWarmUp {

    /** Small items: enough calls for the JIT's last tier to compile put and get with their callees. */
    static final int SMALL_ITEMS = 30_000;
    /** Items of 64 KiB: the copy paths of bulk data, without needing blob files (no run exists yet). */
    static final int LARGE_ITEMS = 64;
    private static final byte[] END = new byte[0];
    /** How long the warm-up waits for its consumer at most (it takes milliseconds). */
    private static final Duration LIMIT = Duration.ofSeconds(10);

    private QueueWarmUp() {
    }

    /** Exercises a queue; never throws (a failed warm-up only costs the first process some time). */
    public static void run() {
        // Attaching a segment views bytes as a heap segment; with that class loaded first, the
        // compiled paths do not assume the mapped segment's class is the only one (and are not
        // thrown away at the first attach after the hand-over).
        MemorySegment.ofArray(new byte[8]).get(ValueLayout.JAVA_BYTE, 0);
        JoinableQueue<Object> queue = SharedQueue.createPrivate(0, true);
        Thread consumer = new Thread(() -> {
            while (!(queue.get() instanceof byte[] bytes && bytes.length == 0)) {
                queue.taskDone();
            }
            queue.taskDone();
        }, "mp4j-warm-up-queue");
        try {
            consumer.setDaemon(true);
            consumer.start();
            byte[] small = new byte[64];
            byte[] large = new byte[64 << 10];
            List<Object> values = List.of(42, "a string", 3.5, List.of(1, 2));
            for (int i = 0; i < SMALL_ITEMS; i++) {
                queue.put(i % 16 == 0 ? values.get((i >> 4) % values.size()) : small);
                if (i % (SMALL_ITEMS / LARGE_ITEMS) == 0) {
                    queue.put(large);
                }
            }
            queue.put(END);
            queue.join(LIMIT);
            consumer.join(LIMIT);
        } catch (RuntimeException | InterruptedException e) {
            consumer.interrupt();
        }
    }
}
