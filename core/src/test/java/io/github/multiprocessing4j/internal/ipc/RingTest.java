package io.github.multiprocessing4j.internal.ipc;

import io.github.multiprocessing4j.internal.shm.Futex;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;

/** The ring itself: records of every size wrapping around, added and removed one at a time or at once. */
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
                ring.lockTake(Futex.FOREVER);
                Item item = ring.removeFirst();
                ring.unlockTake();
                org.junit.jupiter.api.Assertions.assertArrayEquals(expected.poll(), item.bytes());
            }
            assertEquals(expected.size(), ring.records());
        }
    }

    /**
     * A producer thread and a consumer thread, each under its own lock, move records of many
     * sizes through a small ring at the same time: every record intact, in order, and counted.
     */
    @Test
    void aProducerAndAConsumerUnderTheirOwnLocksMoveRecordsAtOnceIntactAndInOrder() throws Exception {
        Ring ring = Ring.create("a test ring", 4096, 0, 1000);
        int n = 50_000;
        java.util.concurrent.atomic.AtomicReference<Throwable> failed = new java.util.concurrent.atomic.AtomicReference<>();
        Thread producer = Thread.ofPlatform().start(() -> {
            try {
                java.util.Random sizes = new java.util.Random(5);
                for (int i = 0; i < n; i++) {
                    Item item = ring.encode(pattern(i, sizes));
                    while (true) {
                        ring.lock(Futex.FOREVER);
                        boolean appended = ring.tryAppend(item);
                        ring.unlock();
                        if (appended) {
                            break;
                        }
                        Thread.onSpinWait();
                    }
                }
            } catch (Throwable t) {
                failed.set(t);
            }
        });
        java.util.Random sizes = new java.util.Random(5);
        for (int i = 0; i < n && failed.get() == null; i++) {
            byte[] expected = pattern(i, sizes);
            Item item;
            do {
                ring.lockTake(Futex.FOREVER);
                item = ring.removeFirst();
                ring.unlockTake();
            } while (item == null && failed.get() == null);
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected, item.bytes(), "record " + i);
        }
        producer.join();
        assertEquals(null, failed.get());
        assertEquals(0, ring.records());
    }

    /** Record {@code i}: a length from {@code sizes} (inline in a ring whose limit is 1000), bytes that tell it from the others. */
    private static byte[] pattern(int i, java.util.Random sizes) {
        byte[] bytes = new byte[sizes.nextInt(sizes.nextInt(10) == 0 ? 1000 : 100)];
        for (int k = 0; k < bytes.length; k++) {
            bytes[k] = (byte) (i * 31 + k);
        }
        return bytes;
    }
}
