package io.github.multiprocessing4j;

import io.github.multiprocessing4j.testing.Capture;
import io.github.multiprocessing4j.internal.ipc.Ring;
import io.github.multiprocessing4j.internal.ipc.RingDescriptor;
import io.github.multiprocessing4j.internal.shm.Futex;
import io.github.multiprocessing4j.internal.shm.Words;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A queue whose ring a process left half-updated when it died is repaired by the next taker. */
class QueueRepairTest {

    @Test
    void aProcessKilledHoldingTheLockMidUpdateIsRepairedAfter() {
        try (Capture io = new Capture()) {
            SharedQueue<Integer> q = (SharedQueue<Integer>) Multiprocessing.<Integer>queue(10);
            q.put(1);
            q.put(2);
            Queue<String> status = Multiprocessing.queue();
            Process p = new Process(() -> {
                Ring ring = q.core().ring();
                ring.lock(Futex.FOREVER);
                Words.setInt(ring.memory(), RingDescriptor.RECORDS, 7); // as if killed between two stores
                status.put("holding");
                Thread.sleep(60_000);
            });
            p.start();
            assertEquals("holding", status.get(Duration.ofSeconds(60)));
            p.kill();
            p.join();
            assertEquals(1, q.get(Duration.ofSeconds(10)), "the lock is taken over from the dead holder");
            assertEquals(1, q.qsize(), "the count was rebuilt from the records");
            assertEquals(2, q.getNowait());
            q.put(3, Duration.ofSeconds(10));
            assertEquals(3, q.get(Duration.ofSeconds(10)));
            assertTrue(io.err().contains("has taken it over"), io.err());
            assertTrue(io.err().contains("repaired the item count") && io.err().contains("7 became 2"), io.err());
        }
    }
}
