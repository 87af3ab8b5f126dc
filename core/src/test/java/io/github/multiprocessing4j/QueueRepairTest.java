package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.ipc.Ring;
import io.github.multiprocessing4j.internal.ipc.RingDescriptor;
import io.github.multiprocessing4j.internal.shm.Futex;
import io.github.multiprocessing4j.internal.shm.Words;
import io.github.multiprocessing4j.testing.Capture;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A queue whose ring a process left half-updated when it was killed, holding the lock or the take
 * lock, is repaired by the next taker of that lock (see Robustness in {@link RingDescriptor}).
 */
class QueueRepairTest {

    @Test
    void anAddCountedButNotPublishedByAKilledProducerIsPublishedByTheNext() {
        try (Capture io = new Capture()) {
            SharedQueue<Integer> q = (SharedQueue<Integer>) Multiprocessing.<Integer>queue(10);
            q.put(1);
            Queue<String> status = Multiprocessing.queue();
            Process p = new Process(() -> {
                Ring ring = q.core().ring();
                ring.lock(Futex.FOREVER);
                long tail = Words.getLong(ring.memory(), RingDescriptor.TAIL);
                ring.tryAppend(q.core().encode(2, "an item"));
                Words.setLong(ring.memory(), RingDescriptor.TAIL, tail); // as if killed before publishing the tail
                status.put("holding");
                Thread.sleep(60_000);
            });
            p.start();
            assertEquals("holding", status.get(Duration.ofSeconds(60)));
            p.kill();
            p.join();
            q.put(3, Duration.ofSeconds(10));
            assertEquals(3, q.qsize(), "the killed producer's item counts, and is there");
            assertEquals(1, q.get(Duration.ofSeconds(10)));
            assertEquals(2, q.get(Duration.ofSeconds(10)), "the item the producer had written was published");
            assertEquals(3, q.get(Duration.ofSeconds(10)));
            assertEquals(0, q.qsize());
            assertTrue(io.err().contains("has taken it over"), io.err());
            assertTrue(io.err().contains("published the item it had written"), io.err());
        }
    }

    @Test
    void anItemCountedAsTakenByAKilledConsumerStaysForTheOthers() {
        try (Capture io = new Capture()) {
            SharedQueue<Integer> q = (SharedQueue<Integer>) Multiprocessing.<Integer>queue(10);
            q.put(1);
            q.put(2);
            Queue<String> status = Multiprocessing.queue();
            Process p = new Process(() -> {
                Ring ring = q.core().ring();
                ring.lockTake(Futex.FOREVER);
                long head = Words.getLong(ring.memory(), RingDescriptor.HEAD);
                ring.removeFirst();
                Words.setLong(ring.memory(), RingDescriptor.HEAD, head); // as if killed before giving the bytes back
                status.put("holding");
                Thread.sleep(60_000);
            });
            p.start();
            assertEquals("holding", status.get(Duration.ofSeconds(60)));
            assertEquals(1, q.qsize(), "counted as taken while the consumer lives");
            p.kill();
            p.join();
            assertEquals(1, q.get(Duration.ofSeconds(10)), "the item the killed consumer was taking is still there");
            assertEquals(2, q.get(Duration.ofSeconds(10)));
            assertEquals(0, q.qsize());
            q.put(3, Duration.ofSeconds(10));
            assertEquals(3, q.get(Duration.ofSeconds(10)));
            assertTrue(io.err().contains("has taken it over"), io.err());
            assertTrue(io.err().contains("the item it was taking stays for the others"), io.err());
        }
    }
}
