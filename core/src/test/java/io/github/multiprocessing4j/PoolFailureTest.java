package io.github.multiprocessing4j;

import io.github.multiprocessing4j.testing.Capture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a task's failure reaches the caller (reference cases 76, 79, 80; section 3 items 3–5). */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PoolFailureTest {

    static Pool pool;

    @BeforeAll
    static void start() {
        pool = new Pool(2);
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    static int raise(int code) {
        throw new IllegalArgumentException("bad " + code);
    }

    @Test
    void uncheckedExceptionArrivesAsItselfWithTheRemoteTraceAsCause() { // 76
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.apply(() -> raise(123)));
        assertEquals("bad 123", e.getMessage());
        Throwable remote = e.getCause();
        assertInstanceOf(IllegalArgumentException.class, remote);
        assertTrue(List.of(remote.getStackTrace()).stream().anyMatch(f -> f.getMethodName().equals("raise")),
                "the cause carries the worker's stack trace");
        assertTrue(List.of(e.getStackTrace()).stream().anyMatch(f -> f.getMethodName().contains("uncheckedException")),
                "the exception itself carries the caller's stack trace");
        assertThrows(IllegalArgumentException.class, () -> pool.map((Integer x) -> raise(x), List.of(1, 2, 3)));
        assertThrows(StackOverflowError.class, () -> pool.apply(PoolFailureTest::recurse));
    }

    static int recurse() {
        return recurse() + 1;
    }

    @Test
    void checkedExceptionIsWrapped() {
        TaskFailedException e = assertThrows(TaskFailedException.class, () -> pool.apply(() -> {
            throw new IOException("disk full");
        }));
        assertInstanceOf(IOException.class, e.getCause());
        assertEquals("disk full", e.getCause().getMessage());
        assertEquals("java.io.IOException", e.remoteClassName());
    }

    /** Serializable in name only: it holds something that is not. */
    static final class Unsendable extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;
        final Object payload = new Object();

        Unsendable(String message) {
            super(message);
        }
    }

    /** Can be written anywhere, but not read back in the parent. */
    static final class ParentCannotRead extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        ParentCannotRead(String message) {
            super(message);
        }

        @Serial
        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            if (!Multiprocessing.parentProcess().isPresent()) {
                throw new InvalidObjectException("not here");
            }
            in.defaultReadObject();
        }
    }

    @Test
    void exceptionThatCannotBeRebuiltArrivesAsText() {
        TaskFailedException e = assertThrows(TaskFailedException.class, () -> pool.apply(() -> {
            throw new Unsendable("cannot travel");
        }));
        assertTrue(e.getMessage().contains("Unsendable") && e.getMessage().contains("cannot travel"), e.getMessage());
        assertTrue(e.remoteStackTrace().contains("exceptionThatCannotBeRebuilt"), e.remoteStackTrace());
        e = assertThrows(TaskFailedException.class, () -> pool.apply(() -> {
            throw new ParentCannotRead("unreadable");
        }));
        assertTrue(e.getMessage().contains("ParentCannotRead") && e.getMessage().contains("unreadable"), e.getMessage());
        assertEquals(ParentCannotRead.class.getName(), e.remoteClassName());
    }

    @Test
    void unserializableResultFailsThatTaskOnly() { // 80
        for (int i = 0; i < 5; i++) {
            TaskFailedException e = assertThrows(TaskFailedException.class, () -> pool.apply(() -> new Thread()));
            assertTrue(e.getMessage().contains("java.lang.Thread"), e.getMessage());
        }
        AsyncResult<List<Object>> r = pool.mapAsync((Integer x) -> x == 2 ? new Object() : (Object) x, List.of(1, 2, 3));
        TaskFailedException e = assertThrows(TaskFailedException.class, r::get);
        assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
        assertEquals(4, pool.apply(() -> 2 + 2)); // no worker lost
        assertEquals(2, pool.workerPids().size());
    }

    @Test
    void errorCallbackGetsTheException() throws Exception { // 79
        java.util.concurrent.CompletableFuture<Throwable> got = new java.util.concurrent.CompletableFuture<>();
        AsyncResult<Integer> r = pool.applyAsync(() -> raise(7), v -> got.complete(null), got::complete);
        assertThrows(IllegalArgumentException.class, r::get);
        assertInstanceOf(IllegalArgumentException.class, got.get(10, TimeUnit.SECONDS));
        assertTrue(r.ready());
        assertTrue(!r.successful());
    }

    @Test
    void throwingCallbackHarmsNothing() throws Exception {
        try (Capture io = new Capture()) {
            java.util.concurrent.CountDownLatch later = new java.util.concurrent.CountDownLatch(1);
            AsyncResult<Integer> r = pool.applyAsync(() -> 1, v -> {
                throw new IllegalStateException("callback failed on purpose (this is logged)");
            }, null);
            assertEquals(1, r.get());
            pool.applyAsync(() -> 2, v -> later.countDown(), null);
            assertTrue(later.await(10, TimeUnit.SECONDS), "callbacks still run after one threw");
            assertEquals(List.of(1, 4), pool.map((Integer x) -> x * x, List.of(1, 2)));
            assertTrue(io.err().contains("WARNING: a pool callback threw; the pool carries on"), io.err());
            assertTrue(io.err().contains("callback failed on purpose (this is logged)"), io.err());
        }
    }

    @Test
    void outputComesBeforeTheResult() {
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.out;
        System.setOut(new java.io.PrintStream(captured, true));
        try {
            pool.map((Integer x) -> {
                System.out.println("item " + x);
                return x;
            }, List.of(1, 2, 3, 4, 5), 1);
            System.out.println("done");
        } finally {
            System.setOut(saved);
        }
        String[] lines = captured.toString().strip().split("\\R");
        assertEquals(6, lines.length, captured.toString());
        assertEquals("done", lines[5]);
    }

    @Test
    void resultsAndFailuresMixInImap() {
        ResultIterator<Integer> it = pool.imap((Integer x) -> x == 1 ? raise(x) : x, List.of(0, 1, 2));
        assertEquals(0, it.next());
        assertThrows(IllegalArgumentException.class, it::next);
        assertEquals(2, it.next());
    }

    @Test
    void terminateCancelsEveryOutstandingResult() { // 73, section 3 item 10
        Pool p = new Pool(2);
        List<AsyncResult<Integer>> results = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            results.add(p.applyAsync(() -> { Thread.sleep(10_000); return 1; }));
        }
        AsyncResult<List<Integer>> mapped = p.mapAsync((Integer x) -> x, List.of(1, 2, 3));
        long start = System.nanoTime();
        p.terminate();
        p.join();
        assertTrue(System.nanoTime() - start < 10_000_000_000L);
        for (AsyncResult<Integer> r : results) {
            assertThrows(CancellationException.class, r::get);
        }
        assertTrue(mapped.ready());
        assertThrows(IllegalStateException.class, () -> p.apply(() -> 1));
        assertEquals(List.of(), p.workerPids());
    }

    @Test
    void closeIsGracefulAndRefusesNewWork() { // 75
        Pool p;
        AsyncResult<Integer> slow;
        try (Pool q = new Pool(1)) {
            p = q;
            slow = q.applyAsync(() -> { Thread.sleep(300); return 42; });
        }
        assertEquals(42, slow.get(java.time.Duration.ZERO));
        p.join();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.mapAsync((Integer x) -> x, List.of(1)));
        assertEquals("Pool not running", e.getMessage());
        assertThrows(IllegalStateException.class, () -> p.apply(() -> 1));
        p.close(); // twice is harmless
        assertNotNull(p.toString());
    }

    @Test
    void closeFromACallbackDoesNotDeadlock() throws Exception {
        Pool p = new Pool(1);
        java.util.concurrent.CompletableFuture<Throwable> joinFromCallback = new java.util.concurrent.CompletableFuture<>();
        p.applyAsync(() -> 1, v -> {
            p.close();
            try {
                p.join();
                joinFromCallback.complete(null);
            } catch (IllegalStateException e) {
                joinFromCallback.complete(e);
            }
        }, null);
        assertInstanceOf(IllegalStateException.class, joinFromCallback.get(30, TimeUnit.SECONDS));
        assertTrue(p.join(java.time.Duration.ofSeconds(30)));
    }

    @Test
    void imapAfterCloseSaysSo() {
        Pool p = new Pool(1);
        ResultIterator<Integer> it = p.imap((Integer x) -> x, java.util.stream.IntStream.range(0, 1000).boxed().toList());
        assertEquals(0, it.next());
        p.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
            while (it.hasNext()) {
                it.next();
            }
        });
        assertEquals("Pool not running", e.getMessage());
        assertNotEquals(0, e.getMessage().length());
    }
}
