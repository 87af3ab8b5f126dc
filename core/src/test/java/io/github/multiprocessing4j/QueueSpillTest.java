package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.ipc.Spill;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An unbounded queue whose ring is full: items of every size around the limits (the off-heap
 * copy's threshold, the ring's inline limit, blobs) are buffered by the feeder, kept intact when
 * the caller reuses its array, delivered in order and counted; a producer killed while its
 * feeder holds large items leaves a working queue; the queue warm-up leaves nothing behind.
 */
class QueueSpillTest {

    /** The unbounded ring's inline limit: 2 MiB - 16. */
    private static final int INLINE_LIMIT = (4 << 20) / 2 - 16;

    /** Fills {@code bytes} with a pattern that tells item {@code i} from every other. */
    private static byte[] pattern(byte[] bytes, int i) {
        for (int k = 0; k < bytes.length; k++) {
            bytes[k] = (byte) (i * 31 + k / 4096);
        }
        return bytes;
    }

    private static int[] sizes() {
        return new int[] {0, 1, 64, Spill.LARGE - 1, Spill.LARGE, Spill.LARGE + 1, 1 << 20, INLINE_LIMIT, INLINE_LIMIT + 1, 3 << 20};
    }

    /**
     * With no consumer, 40 items of every size (about 40 MiB, ten times the ring) all go in: those
     * that do not fit wait in the feeder, as copies: the caller overwrites its one array after each
     * put. qsize counts them all; they come out intact and in order.
     */
    @Test
    void itemsOfEverySizeBufferedByTheFeederComeOutIntactAndInOrder() throws InterruptedException {
        Queue<byte[]> q = Multiprocessing.queue(0);
        int[] sizes = sizes();
        List<byte[]> expected = new ArrayList<>();
        byte[] reused = new byte[3 << 20];
        for (int i = 0; i < 40; i++) {
            int size = sizes[i % sizes.length];
            byte[] item = Arrays.copyOf(pattern(reused, i), size);
            expected.add(item);
            q.put(size == reused.length ? reused : item);
            Arrays.fill(reused, (byte) -1); // the caller reuses its array
            Arrays.fill(item, (byte) -1);
        }
        assertEquals(40, q.qsize(), "the ring's items and the feeder's are counted");
        for (int i = 0; i < 40; i++) {
            byte[] got = q.get(Duration.ofSeconds(30));
            assertArrayEquals(pattern(new byte[sizes[i % sizes.length]], i), got, "item " + i);
        }
        assertEquals(0, q.qsize());
        assertTrue(((SharedQueue<byte[]>) q).core().flush(System.nanoTime() + 10_000_000_000L), "the feeder emptied its buffer");
    }

    /**
     * A child puts 300 items of 1 MiB and others between (more than the ring holds many times
     * over) while this process takes them slowly at first: every item arrives, intact, in
     * order, and the child exits once its feeder has delivered everything.
     */
    @Test
    void aChildOutrunningItsConsumerDeliversEveryLargeItemInOrder() throws Exception {
        Queue<byte[]> q = Multiprocessing.queue();
        int n = 300;
        Process producer = new Process(() -> {
            byte[] big = new byte[1 << 20];
            byte[] small = new byte[100];
            for (int i = 0; i < n; i++) {
                q.put(pattern(i % 3 == 2 ? small : big, i));
            }
        });
        producer.start();
        try {
            for (int i = 0; i < n; i++) {
                if (i < 10) {
                    Thread.sleep(20); // the producer runs ahead and its feeder buffers
                }
                byte[] got = q.get(Duration.ofSeconds(60));
                assertArrayEquals(pattern(new byte[i % 3 == 2 ? 100 : 1 << 20], i), got, "item " + i);
            }
            producer.join(Duration.ofSeconds(60));
            assertEquals(0, producer.exitCode());
        } finally {
            if (producer.isAlive()) {
                producer.kill(); // a failed check must not leave it waiting to deliver
                producer.join(Duration.ofSeconds(30));
            }
        }
        assertEquals(0, q.qsize());
    }

    /**
     * A producer killed while its feeder holds large items (off the heap) and the ring is full
     * leaves a queue that works: what was in the ring is there, whole, and other processes
     * put and get as before.
     */
    @Test
    void aProducerKilledWhileItsFeederHoldsLargeItemsLeavesAWorkingQueue() throws Exception {
        Queue<byte[]> q = Multiprocessing.queue();
        Queue<String> status = Multiprocessing.queue();
        Process producer = new Process(() -> {
            byte[] big = new byte[1 << 20];
            for (int i = 0; i < 20; i++) {
                q.put(pattern(big, i));
            }
            status.put("buffered");
            Thread.sleep(60_000);
        });
        producer.start();
        assertEquals("buffered", status.get(Duration.ofSeconds(60)));
        producer.kill();
        producer.join(Duration.ofSeconds(30));
        int got = 0;
        while (true) {
            byte[] item;
            try {
                item = q.get(Duration.ofMillis(500));
            } catch (io.github.multiprocessing4j.QueueEmptyException e) {
                break;
            }
            assertArrayEquals(pattern(new byte[1 << 20], got), item, "item " + got);
            got++;
        }
        assertTrue(got >= 1 && got < 20, "the ring's items survive the producer, its feeder's die with it: " + got);
        q.put(new byte[1 << 20]);
        assertEquals(1 << 20, q.get(Duration.ofSeconds(10)).length);
        assertEquals(0, q.qsize());
    }

    /**
     * Two consumers race for large items of changing sizes: each guesses the next item's length
     * before locking and is often wrong (the other took it); every item arrives once, intact.
     */
    @Test
    void consumersRacingForLargeItemsOfChangingSizesGetThemIntact() throws Exception {
        Queue<byte[]> q = Multiprocessing.queue(0);
        int[] sizes = {Spill.LARGE, Spill.LARGE + 8, 100 << 10, 1 << 20, 100};
        int n = 400;
        java.util.concurrent.ConcurrentHashMap<Integer, Boolean> seen = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Runnable consumer = () -> {
            try {
                while (true) {
                    byte[] item = q.get(Duration.ofSeconds(30));
                    if (item.length == 0) {
                        return;
                    }
                    int i = java.nio.ByteBuffer.wrap(item).getInt();
                    byte[] expected = pattern(new byte[sizes[i % sizes.length]], i);
                    java.nio.ByteBuffer.wrap(expected).putInt(i);
                    assertArrayEquals(expected, item, "item " + i);
                    assertEquals(null, seen.put(i, true), "item " + i + " twice");
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        };
        Thread a = new Thread(consumer);
        Thread b = new Thread(consumer);
        a.start();
        b.start();
        for (int i = 0; i < n; i++) {
            byte[] item = pattern(new byte[sizes[i % sizes.length]], i);
            java.nio.ByteBuffer.wrap(item).putInt(i);
            q.put(item);
        }
        q.put(new byte[0]);
        q.put(new byte[0]);
        a.join(60_000);
        b.join(60_000);
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertEquals(n, seen.size(), "every item arrived");
    }

    /** A private segment's file left by a JVM that died between creating and unlinking it is swept. */
    @Test
    void aPrivateSegmentFileOfADeadJvmIsSwept() throws Exception {
        java.lang.Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Path left = Path.of("/dev/shm", "mp4j-" + dead.pid() + io.github.multiprocessing4j.internal.runtime.RunDirectory.PRIVATE_INFIX + "test");
        Files.write(left, new byte[16]);
        try {
            io.github.multiprocessing4j.internal.runtime.RunDirectory.sweep();
            assertTrue(Files.notExists(left), "swept");
        } finally {
            Files.deleteIfExists(left);
        }
    }
}
