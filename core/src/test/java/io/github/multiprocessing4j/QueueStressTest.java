package io.github.multiprocessing4j;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Queues under load, with dying processes, and with items of every size. */
class QueueStressTest {

    private static final int PRODUCERS = 4;
    private static final int CONSUMERS = 4;
    private static final int ITEMS = 1_000_000;
    private static final int PER_PRODUCER = ITEMS / PRODUCERS;

    /** What a consumer saw: the numbers, and whether each producer's came in order. */
    record Seen(BitSet numbers, int count, boolean inOrder) implements java.io.Serializable {
    }

    /** 4 producer and 4 consumer JVMs move 1,000,000 numbered items through one Queue(1000). */
    @Test
    void fourProducersFourConsumersAMillionItemsNoneLostNoneDuplicated() {
        Queue<Integer> q = Multiprocessing.queue(1000);
        Queue<Seen> results = Multiprocessing.queue();
        List<Process> processes = new ArrayList<>();
        for (int c = 0; c < CONSUMERS; c++) {
            processes.add(new Process(() -> {
                BitSet numbers = new BitSet(ITEMS);
                int[] last = new int[PRODUCERS];
                Arrays.fill(last, -1);
                boolean inOrder = true;
                int count = 0;
                Integer n;
                while ((n = q.get()) >= 0) {
                    numbers.set(n);
                    count++;
                    int producer = n / PER_PRODUCER;
                    inOrder &= n > last[producer];
                    last[producer] = n;
                }
                results.put(new Seen(numbers, count, inOrder));
            }));
        }
        for (int p = 0; p < PRODUCERS; p++) {
            int first = p * PER_PRODUCER;
            processes.add(new Process(() -> {
                for (int i = first; i < first + PER_PRODUCER; i++) {
                    q.put(i);
                }
                q.put(-1); // one stop sign per producer: each consumer takes exactly one
            }));
        }
        processes.forEach(Process::start);
        BitSet all = new BitSet(ITEMS);
        int total = 0;
        for (int c = 0; c < CONSUMERS; c++) {
            Seen seen = results.get(Duration.ofMinutes(3));
            assertTrue(seen.inOrder(), "each producer's items reach a consumer in the order they were put");
            assertEquals(seen.count(), seen.numbers().cardinality(), "no item twice within a consumer");
            assertFalse(all.intersects(seen.numbers()), "no item reached two consumers");
            all.or(seen.numbers());
            total += seen.count();
        }
        processes.forEach(Process::join);
        processes.forEach(p -> assertEquals(0, p.exitCode(), p.getName()));
        assertEquals(ITEMS, total);
        assertEquals(ITEMS, all.cardinality(), "every item arrived");
        assertEquals(0, q.qsize());
    }

    /**
     * A queue of one item, two producer threads and two consumer threads: no put sleeps through
     * the removal that made its room, and no get through the add (producers and consumers take
     * different locks, so a wait must start from what was read before the attempt that failed:
     * a producer that read it after once slept for good on an empty queue). Timed calls: a lost
     * wake-up fails the test instead of hanging it.
     */
    @Test
    void aQueueOfOneUnderTwoProducerAndTwoConsumerThreadsNeverWedges() throws Exception {
        Queue<Integer> q = Multiprocessing.queue(1);
        int perProducer = 50_000;
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Integer>> consumers = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                consumers.add(threads.submit(() -> {
                    int got = 0;
                    while (q.get(Duration.ofSeconds(60)) >= 0) {
                        got++;
                    }
                    return got;
                }));
            }
            List<java.util.concurrent.Future<?>> producers = new ArrayList<>();
            for (int p = 0; p < 2; p++) {
                producers.add(threads.submit(() -> {
                    for (int i = 0; i < perProducer; i++) {
                        q.put(i, Duration.ofSeconds(60));
                    }
                    q.put(-1, Duration.ofSeconds(60)); // one stop sign per producer: each consumer takes one
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> producer : producers) {
                producer.get(5, java.util.concurrent.TimeUnit.MINUTES);
            }
            int got = 0;
            for (java.util.concurrent.Future<Integer> consumer : consumers) {
                got += consumer.get(5, java.util.concurrent.TimeUnit.MINUTES);
            }
            assertEquals(2 * perProducer, got);
            assertEquals(0, q.qsize());
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * A consumer killed with SIGKILL mid-stream does not wedge the queue: the others go on, and
     * every item but the one the victim may have been holding arrives.
     */
    @Test
    void aConsumerKilledMidStreamDoesNotWedgeTheQueue() throws Exception {
        Queue<Integer> q = Multiprocessing.queue(50);
        Queue<Integer> counts = Multiprocessing.queue();
        Queue<String> started = Multiprocessing.queue();
        Process victim = new Process(() -> {
            started.put("victim");
            while (true) {
                q.get(); // takes as fast as it can: often in the lock when the kill comes
            }
        });
        Process survivor = new Process(() -> {
            int n = 0;
            while (q.get() >= 0) {
                n++;
            }
            counts.put(n);
        });
        victim.start();
        survivor.start();
        assertEquals("victim", started.get(Duration.ofSeconds(60)));
        int before = 20_000;
        for (int i = 0; i < before; i++) {
            q.put(i);
            if (i == before / 2) {
                victim.kill();
            }
        }
        victim.join();
        assertEquals(-9, victim.exitCode());
        int after = 5_000;
        for (int i = 0; i < after; i++) {
            q.put(i, Duration.ofSeconds(60));
        }
        q.put(-1, Duration.ofSeconds(60));
        int survivorGot = counts.get(Duration.ofSeconds(60));
        survivor.join();
        assertEquals(0, survivor.exitCode());
        assertTrue(survivorGot >= after, "the survivor took every item put after the kill (" + survivorGot + ")");
        assertEquals(0, q.qsize(), "nothing stuck in the queue");
        q.put(1);
        assertEquals(1, q.get(Duration.ofSeconds(10)), "the queue still works");
    }

    /** A 64 MiB item round-trips through a child, by way of its own file. */
    @Test
    void a64MiBItemRoundTrips() {
        byte[] big = new byte[64 << 20];
        new Random(7).nextBytes(big);
        Queue<byte[]> there = Multiprocessing.queue(2);
        Queue<byte[]> back = Multiprocessing.queue(2);
        Process echo = new Process(() -> back.put(there.get()));
        echo.setJvmOptions(List.of("-Xmx512m"));
        echo.start();
        there.put(big);
        byte[] returned = back.get(Duration.ofMinutes(2));
        echo.join();
        assertArrayEquals(big, returned);
    }

    /**
     * An unbounded queue never blocks put, even past its ring's bytes, and a child that put more
     * than the ring holds delivers everything before it exits.
     */
    @Test
    void anUnboundedQueueNeverBlocksAndAnExitingChildDeliversEverything() throws Exception {
        Queue<byte[]> q = Multiprocessing.queue();
        int items = 12_000; // 12,000 × 1 KiB: three times the ring
        java.util.concurrent.CompletableFuture.runAsync(() -> {
            for (int i = 0; i < items; i++) {
                q.put(new byte[1024]); // with no consumer: a put that blocked would never return
            }
        }).get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(items, q.qsize(), "qsize counts what this process's feeder still holds");
        for (int i = 0; i < items; i++) {
            q.get(Duration.ofSeconds(30));
        }
        assertEquals(0, q.qsize());

        // A child puts three rings' worth and returns from its target; it exits only once a
        // consumer has taken everything its feeder held (nothing put is lost).
        Queue<String> status = Multiprocessing.queue();
        Process child = new Process(() -> {
            for (int i = 0; i < items; i++) {
                byte[] item = new byte[1000];
                item[0] = (byte) i;
                item[1] = (byte) (i >> 8);
                q.put(item);
            }
            status.put("returning");
        });
        child.start();
        assertEquals("returning", status.get(Duration.ofSeconds(60)));
        assertFalse(child.join(Duration.ofMillis(300)), "the child waits for its feeder to deliver");
        for (int i = 0; i < items; i++) {
            byte[] item = q.get(Duration.ofSeconds(60));
            assertEquals(i & 0xFFFF, (item[0] & 0xFF) | (item[1] & 0xFF) << 8, "in order, none lost");
        }
        child.join();
        assertEquals(0, child.exitCode());
        assertTrue(q.empty());
    }

    /** cancelJoinThread: a child that put more than the ring holds exits at once, dropping the rest. */
    @Test
    void cancelJoinThreadLetsAChildExitWithoutDelivering() {
        Queue<byte[]> q = Multiprocessing.queue();
        int items = 12_000; // three times the ring
        Process child = new Process(() -> {
            for (int i = 0; i < items; i++) {
                q.put(new byte[1000]);
            }
            q.cancelJoinThread();
        });
        child.start();
        assertTrue(child.join(Duration.ofSeconds(60)), "the child exited without waiting for a consumer");
        assertEquals(0, child.exitCode());
        int delivered = q.qsize();
        assertTrue(delivered > 0 && delivered < items, "what reached the ring stays, the rest is gone: " + delivered);
        for (int i = 0; i < delivered; i++) {
            assertEquals(1000, q.getNowait().length);
        }
        assertTrue(q.empty());
    }
}
