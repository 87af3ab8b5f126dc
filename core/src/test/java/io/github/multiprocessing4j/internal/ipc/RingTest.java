package io.github.multiprocessing4j.internal.ipc;

import io.github.multiprocessing4j.Multiprocessing;
import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.Queue;
import io.github.multiprocessing4j.internal.shm.Futex;
import io.github.multiprocessing4j.internal.shm.Words;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The ring itself: records of every size wrapping around, and repair after a holder died mid-update. */
class RingTest {

    /** Records of random sizes (inline and blobs) wrap around a small ring many times, intact and in order. */
    @Test
    void recordsOfEverySizeWrapAroundIntact() throws Exception {
        Ring ring = Ring.create("a test ring", 4096, 0, 1000);
        java.util.Random random = new java.util.Random(3);
        java.util.ArrayDeque<byte[]> expected = new java.util.ArrayDeque<>();
        for (int round = 0; round < 20_000; round++) {
            if (random.nextBoolean() || expected.isEmpty()) {
                byte[] bytes = new byte[random.nextInt(random.nextInt(10) == 0 ? 3000 : 300)];
                random.nextBytes(bytes);
                Item item = ring.encode(bytes);
                ring.lock(Futex.FOREVER);
                boolean appended = ring.tryAppend(item);
                ring.unlock();
                if (appended) {
                    expected.add(bytes);
                } else {
                    item.discard();
                }
            } else {
                ring.lock(Futex.FOREVER);
                Item item = ring.removeFirst();
                ring.unlock();
                org.junit.jupiter.api.Assertions.assertArrayEquals(expected.poll(), item.bytes());
            }
            assertEquals(expected.size(), ring.records());
        }
    }
}
