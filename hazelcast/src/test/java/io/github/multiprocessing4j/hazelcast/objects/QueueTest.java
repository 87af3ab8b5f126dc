package io.github.multiprocessing4j.hazelcast.objects;

import com.hazelcast.core.HazelcastInstance;
import io.github.multiprocessing4j.JoinableQueue;
import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.ProcessException;
import io.github.multiprocessing4j.Queue;
import io.github.multiprocessing4j.QueueEmptyException;
import io.github.multiprocessing4j.QueueFullException;
import io.github.multiprocessing4j.SimpleQueue;
import io.github.multiprocessing4j.hazelcast.HazelcastContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueueTest {

    private static HazelcastInstance member;
    private static HazelcastContext ctx;

    @BeforeAll
    static void start() {
        member = ClusterTesting.member();
        ctx = ClusterTesting.context(member);
    }

    @AfterAll
    static void stop() {
        ctx.close();
        member.shutdown();
    }

    record Point(int x, String label) implements java.io.Serializable {
    }

    @Test
    void itemsComeOutInTheOrderTheyWerePutAndAnySerializableRoundTrips() {
        Queue<Object> q = ctx.queue();
        q.put(1);
        q.put(new Point(2, "two"));
        q.put(null);
        q.put(new byte[] {1, 2, 3});
        q.put(Map.of("k", List.of(1.5)));
        assertEquals(5, q.qsize());
        assertEquals(1, q.get());
        assertEquals(new Point(2, "two"), q.get());
        assertNull(q.get());
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) q.get());
        assertEquals(Map.of("k", List.of(1.5)), q.get());
        assertTrue(q.empty());
    }

    @Test
    void aBoundedQueueRefusesAPutWhenFull() {
        Queue<Integer> q = ctx.queue(2);
        q.put(1);
        q.putNowait(2);
        assertTrue(q.full());
        assertThrows(QueueFullException.class, () -> q.putNowait(3));
        assertThrows(QueueFullException.class, () -> q.put(3, Duration.ofMillis(50)));
        assertEquals(2, q.qsize());
        assertEquals(1, q.get());
        q.put(3, Duration.ofSeconds(10));
        assertEquals(List.of(2, 3), List.of(q.get(), q.get()));
    }

    @Test
    void aGetOnAnEmptyQueueTimesOutWithQueueEmpty() {
        Queue<Integer> q = ctx.queue();
        assertThrows(QueueEmptyException.class, q::getNowait);
        assertThrows(QueueEmptyException.class, () -> q.get(Duration.ofMillis(50)));
        assertThrows(QueueEmptyException.class, () -> q.get(Duration.ZERO));
    }

    @Test
    void anItemThatCannotBeSerializedIsRefusedAndTheQueueIsUnchanged() {
        Queue<Object> q = ctx.queue();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> q.put(new Object()));
        assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
        assertEquals(0, q.qsize());
    }

    @Test
    void aNegativeMaxsizeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ctx.queue(-1));
    }

    @Test
    void aClosedQueueObjectRefusesPutAndGet() {
        Queue<Integer> q = ctx.queue();
        assertThrows(IllegalStateException.class, q::joinThread);
        Queue<Integer> unused = ctx.queue();
        unused.close();
        assertTrue(unused.empty()); // closed before any use: still answers, as in Python
        q.put(1);
        q.close();
        q.close();
        assertThrows(IllegalStateException.class, q::empty);
        assertThrows(IllegalStateException.class, () -> q.put(1));
        assertThrows(IllegalStateException.class, q::get);
        q.joinThread();
    }

    @Test
    void anInterruptedGetThrowsProcessExceptionAndRestoresTheFlag() {
        Queue<Integer> q = ctx.queue();
        Thread.currentThread().interrupt();
        ProcessException e = assertThrows(ProcessException.class, q::get);
        assertTrue(Thread.interrupted());
        assertInstanceOf(InterruptedException.class, e.getCause());
    }

    @Test
    void aJoinableQueueJoinsOnceEveryTaskIsDone() {
        JoinableQueue<String> q = ctx.joinableQueue();
        q.put("a");
        q.put("b");
        assertFalse(q.join(Duration.ofMillis(20)));
        q.get();
        q.taskDone();
        q.get();
        q.taskDone();
        assertTrue(q.join(Duration.ofSeconds(10)));
        q.join();
        assertThrows(IllegalStateException.class, q::taskDone);
    }

    @Test
    void aPlainQueueHasNoTaskDone() {
        Queue<String> q = ctx.queue();
        assertThrows(UnsupportedOperationException.class, ((JoinableQueue<String>) q)::taskDone);
    }

    @Test
    void aSimpleQueuePutsAndGets() {
        SimpleQueue<String> q = ctx.simpleQueue();
        assertTrue(q.empty());
        q.put("x");
        assertFalse(q.empty());
        assertEquals("x", q.get());
        QueueEmptyException e = assertThrows(QueueEmptyException.class, () -> q.get(Duration.ofMillis(20)));
        assertTrue(e.getMessage().startsWith("a SimpleQueue is empty"), e.getMessage());
        q.close();
        assertThrows(IllegalStateException.class, q::empty);
    }

    @Test
    void aQueueIsSmallWhenSerialized() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(ctx.queue(5));
        }
        assertTrue(bytes.size() < 1024, bytes.size() + " bytes");
    }

    @Test
    void aChildWorkerMarksTasksDoneAndTheParentJoins() {
        JoinableQueue<Point> jobs = ctx.joinableQueue();
        Queue<Integer> results = ctx.queue();
        for (int i = 0; i < 20; i++) {
            jobs.put(new Point(i, "job " + i));
        }
        Process p = ClusterTesting.child(() -> {
            for (int i = 0; i < 20; i++) {
                Point job = jobs.get();
                results.put(job.x() * 2);
                jobs.taskDone();
            }
        });
        try {
            assertTrue(jobs.join(Duration.ofSeconds(60)));
            int sum = 0;
            for (int i = 0; i < 20; i++) {
                sum += results.get(Duration.ofSeconds(10));
            }
            assertEquals(380, sum);
            assertTrue(p.join(Duration.ofSeconds(60)));
            assertEquals(0, p.exitCode());
        } finally {
            p.kill();
            p.join();
            p.close();
        }
    }

    @Test
    void aChildProcessPutsAThousandItemsAndTheParentGetsExactlyThose() {
        Queue<Integer> q = ctx.queue(100);
        JoinableQueue<Integer> done = ctx.joinableQueue();
        Process p = ClusterTesting.child(() -> {
            for (int i = 0; i < 1000; i++) {
                q.put(i);
            }
            done.put(-1);
        });
        try {
            List<Integer> got = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                got.add(q.get(Duration.ofSeconds(30)));
            }
            assertEquals(IntStream.range(0, 1000).boxed().toList(), got);
            assertEquals(-1, done.get(Duration.ofSeconds(30)));
            p.join(Duration.ofSeconds(30));
            assertEquals(0, p.exitCode());
        } finally {
            p.kill();
            p.join();
            p.close();
        }
    }
}
