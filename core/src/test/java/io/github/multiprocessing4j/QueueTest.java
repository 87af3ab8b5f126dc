package io.github.multiprocessing4j;

import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Queue, JoinableQueue and SimpleQueue: CPython's test_put, test_get, test_fork, test_qsize, … (cases 18–27). */
class QueueTest {

    private static final Duration T = Duration.ofMillis(100);

    /** Case 18, 19: put in every form up to maxsize, then every form of "full". */
    @Test
    void putUntilFullThenEveryFormOfFull() throws Exception {
        Queue<Integer> q = Multiprocessing.queue(6);
        assertTrue(q.empty());
        assertFalse(q.full());
        q.put(1);
        q.put(2);
        q.put(3, Duration.ofSeconds(5));
        q.putNowait(4);
        q.put(5, Duration.ZERO);
        q.putNowait(6);
        assertFalse(q.empty());
        assertTrue(q.full());
        assertEquals(6, q.qsize());

        assertThrows(QueueFullException.class, () -> q.putNowait(7));
        assertThrows(QueueFullException.class, () -> q.put(7, Duration.ZERO));
        assertThrows(QueueFullException.class, () -> q.put(7, Duration.ofMillis(-1)));
        long start = System.nanoTime();
        assertThrows(QueueFullException.class, () -> q.put(7, T));
        assertTrue(System.nanoTime() - start >= T.toNanos() - 10_000_000, "put(timeout) waited about the timeout");

        Process consumer = new Process(() -> {
            for (int i = 1; i <= 6; i++) {
                if (q.get() != i) {
                    System.exit(3);
                }
            }
        });
        consumer.start();
        consumer.join();
        assertEquals(0, consumer.exitCode());
        assertTrue(q.empty());
        assertFalse(q.full());
        assertEquals(0, q.qsize());
    }

    /** Case 20, 21: a child puts 2..5; get in every form; then every form of "empty". */
    @Test
    void getInEveryFormThenEveryFormOfEmpty() {
        Queue<Integer> q = Multiprocessing.queue();
        Process producer = new Process(() -> {
            for (int i = 2; i <= 5; i++) {
                q.put(i);
            }
        });
        producer.start();
        assertEquals(2, q.get(Duration.ofSeconds(60)));
        assertEquals(3, q.get(Duration.ofSeconds(30)));
        assertEquals(4, q.get(Duration.ofSeconds(30)));
        producer.join();
        assertEquals(5, q.getNowait());

        assertThrows(QueueEmptyException.class, q::getNowait);
        assertThrows(QueueEmptyException.class, () -> q.get(Duration.ZERO));
        long start = System.nanoTime();
        QueueEmptyException e = assertThrows(QueueEmptyException.class, () -> q.get(Duration.ofMillis(200)));
        assertTrue(System.nanoTime() - start >= 100_000_000, "get(0.2 s) on an empty queue waited at least 0.1 s");
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    /** Case 22: the parent's items, then a child's, come out in order. */
    @Test
    void itemsOfTwoProcessesComeOutInOrder() {
        Queue<Integer> q = Multiprocessing.queue();
        for (int i = 0; i < 10; i++) {
            q.put(i);
        }
        Process child = new Process(() -> {
            for (int i = 10; i < 20; i++) {
                q.put(i);
            }
        });
        child.start();
        child.join();
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            got.add(q.get(Duration.ofSeconds(30)));
        }
        assertEquals(IntStream.range(0, 20).boxed().toList(), got);
        assertThrows(QueueEmptyException.class, q::getNowait);
    }

    /** Case 23: qsize counts exactly. */
    @Test
    void qsizeIsExact() {
        Queue<String> q = Multiprocessing.queue();
        assertEquals(0, q.qsize());
        q.put("a");
        assertEquals(1, q.qsize());
        q.put("b");
        assertEquals(2, q.qsize());
        q.get();
        assertEquals(1, q.qsize());
        q.get();
        assertEquals(0, q.qsize());
    }

    /** Case 24: four workers call taskDone per item; join returns; one taskDone too many fails. */
    @Test
    void joinableQueueJoinsWhenEveryTaskIsDone() {
        JoinableQueue<Integer> q = Multiprocessing.joinableQueue();
        List<Process> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            Process p = new Process(() -> {
                Integer item;
                while ((item = q.get()) != null) {
                    Thread.sleep(item % 3);
                    q.taskDone();
                }
                q.taskDone();
            });
            p.start();
            workers.add(p);
        }
        for (int i = 0; i < 10; i++) {
            q.put(i);
        }
        assertTrue(q.join(Duration.ofSeconds(60)), "join returned once the 10 tasks were done");
        q.join();
        for (int w = 0; w < 4; w++) {
            q.put(null);
        }
        q.join();
        workers.forEach(Process::join);
        workers.forEach(p -> assertEquals(0, p.exitCode()));
        IllegalStateException e = assertThrows(IllegalStateException.class, q::taskDone);
        assertTrue(e.getMessage().contains("too many times"), e.getMessage());
        assertTrue(q.join(Duration.ZERO));
    }

    @Test
    void joinWithATimeoutSaysWhetherTasksAreLeft() {
        JoinableQueue<String> q = Multiprocessing.joinableQueue(3);
        q.put("task");
        assertFalse(q.join(Duration.ofMillis(50)));
        assertEquals("task", q.get());
        assertFalse(q.join(Duration.ZERO), "taken is not done");
        q.taskDone();
        assertTrue(q.join(Duration.ZERO));
    }

    /** Case 25: an item that cannot be serialized fails in put, and the queue is unharmed. */
    @Test
    void anUnserializableItemFailsInPutAndTheQueueIsUnharmed() {
        Queue<Object> q = Multiprocessing.queue(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> q.put(new Thread()));
        assertTrue(e.getMessage().contains("java.lang.Thread"), e.getMessage());
        assertEquals(0, q.qsize());
        q.put(true);
        assertEquals(1, q.qsize());
        assertEquals(true, q.get());
        assertTrue(q.empty());
    }

    /** Case 26: a closed queue. */
    @Test
    void closedQueues() {
        Queue<String> unused = Multiprocessing.queue();
        unused.close();
        unused.joinThread();
        assertTrue(unused.empty(), "a never-used closed queue answers empty()");

        Queue<String> q = Multiprocessing.queue();
        assertThrows(IllegalStateException.class, q::joinThread, "joinThread before close");
        q.put("foo");
        q.close();
        q.joinThread();
        IllegalStateException e = assertThrows(IllegalStateException.class, q::empty);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertTrue(assertThrows(IllegalStateException.class, () -> q.put("foo")).getMessage().contains("closed"));
        assertTrue(assertThrows(IllegalStateException.class, q::get).getMessage().contains("closed"));
        q.close();
    }

    /** Case 27: SimpleQueue. */
    @Test
    void simpleQueue() {
        SimpleQueue<Boolean> q = Multiprocessing.simpleQueue();
        assertTrue(q.empty());
        Process child = new Process(() -> {
            q.put(q.empty());
            q.put(q.empty());
        });
        child.start();
        child.join();
        assertFalse(q.empty());
        assertEquals(true, q.get(Duration.ofSeconds(60)));
        assertEquals(false, q.get(Duration.ofSeconds(60)));
        assertTrue(q.empty());
        assertThrows(QueueEmptyException.class, () -> q.get(Duration.ofMillis(20)));
        q.close();
        q.close();
        assertThrows(IllegalStateException.class, q::empty);
        SimpleQueue<String> unused = Multiprocessing.simpleQueue();
        unused.close();
        assertThrows(IllegalStateException.class, unused::empty, "closed even if unused");
    }

    /** A SimpleQueue's put waits while its ring is out of room, and goes on when a consumer drains it. */
    @Test
    void simpleQueuePutWaitsForRoom() throws Exception {
        SimpleQueue<byte[]> q = Multiprocessing.simpleQueue();
        java.util.concurrent.CompletableFuture<Void> producer = java.util.concurrent.CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 200; i++) { // 3.2 MiB through a 1 MiB ring
                byte[] item = new byte[16 * 1024];
                item[0] = (byte) i;
                q.put(item);
            }
        });
        Thread.sleep(200);
        assertFalse(producer.isDone(), "the producer waits for room");
        for (int i = 0; i < 200; i++) {
            assertEquals((byte) i, q.get(Duration.ofSeconds(30))[0]);
        }
        producer.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(q.empty());
    }

    /**
     * A byte[] item travels as it is (no serialization) but is still the caller's to change once
     * put returned, in the ring or in the feeder's buffer; other items keep their types.
     */
    @Test
    @SuppressWarnings("unchecked")
    void byteArrayItemsAreCopiedAtPut() {
        Queue<Object> q = Multiprocessing.queue();
        byte[] small = {1, 2, 3};
        q.put(small);
        small[0] = 9;
        q.put("text");
        q.put(java.util.List.of(new byte[] {4}));
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) q.get());
        assertEquals("text", q.get());
        assertArrayEquals(new byte[] {4}, ((java.util.List<byte[]>) q.get()).get(0));

        byte[] big = new byte[3 << 20]; // over half the ring: a blob
        big[7] = 7;
        q.put(big);
        big[7] = 0;
        byte[][] spilled = new byte[5000][];
        for (int i = 0; i < spilled.length; i++) { // past the ring's bytes: the last ones wait in the feeder
            spilled[i] = new byte[1024];
            spilled[i][0] = (byte) i;
            q.put(spilled[i]);
        }
        for (byte[] b : spilled) {
            b[0] = -1;
        }
        assertEquals(7, ((byte[]) q.get(Duration.ofSeconds(30)))[7]);
        for (int i = 0; i < spilled.length; i++) {
            assertEquals((byte) i, ((byte[]) q.get(Duration.ofSeconds(30)))[0]);
        }
    }

    @Test
    void badArguments() {
        assertThrows(IllegalArgumentException.class, () -> Multiprocessing.queue(-1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Multiprocessing.queue(Integer.MAX_VALUE));
        assertTrue(e.getMessage().contains("unbounded"), e.getMessage());
    }

    @Test
    void anInterruptedGetRestoresTheFlag() {
        Queue<String> q = Multiprocessing.queue();
        Thread.currentThread().interrupt();
        ProcessException e = assertThrows(ProcessException.class, q::get);
        assertTrue(Thread.interrupted(), "the flag is restored");
        assertTrue(e.getCause() instanceof InterruptedException);
    }

    /** An interrupt never loses an item, even one travelling in a file of its own. */
    @Test
    void anInterruptNeverLosesAnItem() {
        Queue<byte[]> q = Multiprocessing.queue(10);
        byte[] big = new byte[1 << 20]; // over a Queue(10)'s share of its ring: a blob
        big[12345] = 7;
        q.put(big);
        Thread.currentThread().interrupt();
        byte[] got;
        try {
            got = q.get();
            assertTrue(Thread.interrupted(), "the flag is still set");
        } catch (ProcessException e) {
            assertTrue(Thread.interrupted(), "the flag is restored");
            got = q.get(Duration.ofSeconds(10));
        }
        assertEquals(7, got[12345]);
        assertEquals(1 << 20, got.length);
    }

    @Test
    void contextsHaveTheSameFactories() {
        Context ctx = Multiprocessing.getContext("spawn");
        Queue<Point> q = ctx.queue(3);
        JoinableQueue<Point> jq = ctx.joinableQueue(3);
        SimpleQueue<Point> sq = ctx.simpleQueue();
        Process p = ctx.process(() -> {
            Point point = q.get();
            jq.put(new Point(point.y(), point.x()));
            sq.put(point);
        });
        p.start();
        q.put(new Point(1, 2));
        assertEquals(new Point(2, 1), jq.get(Duration.ofSeconds(60)));
        assertEquals(new Point(1, 2), sq.get(Duration.ofSeconds(60)));
        p.join();
        assertFalse(ctx.pipe(false).left().writable());
        assertTrue(ctx.pipe().left().writable());
        assertEquals(0, ctx.queue().qsize());
        assertEquals(0, ctx.joinableQueue().qsize());
    }

    record Point(int x, int y) implements Serializable {
    }
}
