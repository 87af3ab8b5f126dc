package io.github.multiprocessing4j;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CPython's Pool tests (reference cases 63–77), on one shared pool of 2 workers. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PoolTest {

    static Pool pool;

    @BeforeAll
    static void start() {
        pool = new Pool(2);
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    static List<Integer> squares(int n) {
        return IntStream.range(0, n).map(x -> x * x).boxed().toList();
    }

    @Test
    void apply() { // 63
        assertEquals(25, pool.apply(() -> 5 * 5));
        int x = 3;
        assertEquals(9, pool.apply(() -> x * x));
    }

    @Test
    void map() { // 64
        assertEquals(squares(10), pool.map((Integer x) -> x * x, range(10)));
        assertEquals(squares(100), pool.map((Integer x) -> x * x, range(100), 20));
        assertEquals(squares(100), pool.mapAsync((Integer x) -> x * x, range(100)).get());
        List<String> words = List.of("a", "bb", "ccc");
        assertEquals(List.of(1, 2, 3), pool.map(String::length, words));
        List<Object> mixed = new ArrayList<>(List.of(1, "two", 3L, 4.5));
        mixed.add(null);
        assertEquals(mixed, pool.map((Object o) -> o, mixed));
        assertEquals(List.of(List.of(1, 2), new Point(3, 4)), pool.map((Object o) -> o, List.of(List.of(1, 2), new Point(3, 4))));
    }

    @Test
    void mapResultsAreAFixedSizeList() {
        List<Long> longs = pool.map((Integer x) -> (long) x, range(10), 3);
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), longs);
        assertEquals(Long.valueOf(9), longs.set(9, 99L));
        assertEquals(99L, longs.get(9));
        assertEquals(8L, longs.get(8));
        assertThrows(UnsupportedOperationException.class, () -> longs.add(1L));
        assertThrows(IndexOutOfBoundsException.class, () -> longs.get(10));
        List<Double> doubles = pool.map((Integer x) -> x / 2.0, range(4));
        assertEquals(List.of(0.0, 0.5, 1.0, 1.5), doubles);
        assertEquals("[0.0, 0.5, 1.0, 1.5]", doubles.toString());
    }

    record Point(int x, int y) implements java.io.Serializable {
    }

    @Test
    void starmap() { // 64
        List<Map.Entry<Integer, Integer>> pairs = IntStream.range(0, 10)
                .mapToObj(i -> (Map.Entry<Integer, Integer>) new AbstractMap.SimpleEntry<>(i, 9 - i)).toList();
        List<Integer> expected = IntStream.range(0, 10).map(i -> i * (9 - i)).boxed().toList();
        assertEquals(expected, pool.starmap((Integer a, Integer b) -> a * b, pairs));
        assertEquals(expected, pool.starmapAsync((Integer a, Integer b) -> a * b, pairs).get());
    }

    @Test
    void mapAsyncCallbacks() throws Exception { // 65
        List<Object> seen = new CopyOnWriteArrayList<>();
        CountDownLatch two = new CountDownLatch(2);
        pool.mapAsync((String s) -> Integer.parseInt(s), List.of("1"), r -> { seen.add(r); two.countDown(); },
                e -> { seen.add(e); two.countDown(); }).await();
        pool.mapAsync((String s) -> Integer.parseInt(s), List.of("a"), r -> { seen.add(r); two.countDown(); },
                e -> { seen.add(e); two.countDown(); }).await();
        assertTrue(two.await(10, TimeUnit.SECONDS));
        assertEquals(List.of(1), seen.get(0));
        assertInstanceOf(NumberFormatException.class, seen.get(1));
    }

    @Test
    void unserializableItemFailsAtTheCallSite() { // 66
        Object bad = new Object();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pool.map((Object o) -> o.hashCode(), List.of(1, bad, 3)));
        assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
        assertEquals(List.of(1), pool.map((Integer x) -> x, List.of(1))); // the pool goes on
    }

    /** An Iterable whose iterator throws after {@code after} items. */
    record SayWhen(int after) implements Iterable<Integer> {
        @Override
        public Iterator<Integer> iterator() {
            return new Iterator<>() {
                int i;

                @Override
                public boolean hasNext() {
                    return true;
                }

                @Override
                public Integer next() {
                    if (i == after) {
                        throw new IllegalStateException("say when");
                    }
                    return i++;
                }
            };
        }
    }

    @Test
    void inputThatThrows() { // 67, 70, 71
        for (int after : new int[] {0, 3}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.map((Integer x) -> x, new SayWhen(after), 1));
            assertEquals("say when", e.getMessage());
        }
        java.util.Collection<Integer> sized = new java.util.AbstractCollection<>() { // has a size, then fails
            @Override
            public Iterator<Integer> iterator() {
                return new SayWhen(3).iterator();
            }

            @Override
            public int size() {
                return 10;
            }
        };
        assertThrows(IllegalStateException.class, () -> pool.map((Integer x) -> x, sized, 1));
        assertThrows(IllegalStateException.class, () -> pool.map((Integer x) -> x, sized, 1), "repeatably");
        Iterator<Integer> it = pool.imap((Integer x) -> x * x, new SayWhen(3));
        assertEquals(0, it.next());
        assertEquals(1, it.next());
        assertEquals(4, it.next());
        assertThrows(IllegalStateException.class, it::next);
        assertFalse(it.hasNext());
        // Python yields 6 values here (whole chunks only); every item read before the failure runs
        it = pool.imap((Integer x) -> x * x, new SayWhen(7), 2);
        for (int i = 0; i < 7; i++) {
            assertEquals(i * i, it.next());
        }
        assertThrows(IllegalStateException.class, it::next);
        Iterator<Integer> unordered = pool.imapUnordered((Integer x) -> x * x, new SayWhen(5));
        List<Integer> got = new ArrayList<>();
        assertThrows(IllegalStateException.class, () -> {
            while (unordered.hasNext()) {
                got.add(unordered.next());
            }
        });
        assertEquals(List.of(0, 1, 4, 9, 16), got.stream().sorted().toList());
    }

    @Test
    void asyncAndTimeout() { // 68
        assertEquals(49, pool.applyAsync(() -> { Thread.sleep(100); return 49; }).get());
        AsyncResult<Integer> slow = pool.applyAsync(() -> { Thread.sleep(2000); return 1; });
        assertThrows(ResultTimeoutException.class, () -> slow.get(Duration.ofMillis(100)));
        assertFalse(slow.ready());
        assertThrows(IllegalStateException.class, slow::successful);
        assertEquals(1, slow.get());
        assertTrue(slow.successful());
    }

    @Test
    void imap() { // 69, 71
        List<Integer> got = new ArrayList<>();
        pool.imap((Integer x) -> x * x, range(10)).forEachRemaining(got::add);
        assertEquals(squares(10), got);
        ResultIterator<Integer> it = pool.imap((Integer x) -> x * x, range(10));
        for (int i = 0; i < 10; i++) {
            assertEquals(i * i, it.next(Duration.ofSeconds(30)));
        }
        assertThrows(NoSuchElementException.class, it::next);
        got.clear();
        pool.imap((Integer x) -> x * x, range(1000), 100).forEachRemaining(got::add);
        assertEquals(squares(1000), got);
        got.clear();
        pool.imapUnordered((Integer x) -> x * x, range(1000), 100).forEachRemaining(got::add);
        assertEquals(squares(1000), got.stream().sorted().toList());
    }

    @Test
    void imapNextTimesOut() {
        ResultIterator<Integer> it = pool.imap((Integer x) -> { Thread.sleep(1500); return x; }, List.of(7));
        assertThrows(ResultTimeoutException.class, () -> it.next(Duration.ofMillis(50)));
        assertEquals(7, it.next(Duration.ofSeconds(30)));
    }

    @Test
    void imapReadsItsInputLazily() {
        int[] read = {0};
        Iterable<Integer> endless = () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                return read[0]++;
            }
        };
        ResultIterator<Integer> it = pool.imap((Integer x) -> x + 1, endless);
        for (int i = 0; i < 50; i++) {
            assertEquals(i + 1, it.next());
        }
        assertTrue(read[0] < 50 + 20, "read " + read[0] + " items for 50 results");
    }

    @Test
    void emptyInput() { // 74
        assertEquals(List.of(), pool.map((Integer x) -> x, List.of()));
        assertFalse(pool.imap((Integer x) -> x, List.<Integer>of()).hasNext());
        assertFalse(pool.imapUnordered((Integer x) -> x, List.<Integer>of()).hasNext());
        assertEquals(List.of(), pool.mapAsync((Integer x) -> x, List.<Integer>of()).get(Duration.ofMillis(100)));
    }

    @Test
    void badArguments() { // 72
        assertThrows(IllegalArgumentException.class, () -> new Pool(0));
        assertThrows(IllegalArgumentException.class, () -> new Pool(-1));
        assertThrows(IllegalArgumentException.class, () -> pool.map((Integer x) -> x, range(3), 0));
        assertThrows(IllegalArgumentException.class, () -> pool.imap((Integer x) -> x, range(3), 0));
        assertThrows(IllegalArgumentException.class, () -> PoolOptions.processes(1).maxTasksPerChild(-1));
        assertThrows(IllegalArgumentException.class, () -> PoolOptions.processes(1).taskTimeout(Duration.ZERO));
        assertThrows(IllegalStateException.class, pool::join);
    }

    @Test
    void unserializableCaptureFailsAtTheCallSite() {
        Object bad = new Object();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.apply(() -> bad.hashCode()));
        assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
    }

    @Test
    void mapWaitsForEveryChunkThenFailsWithTheFirstFailure() { // 77
        long start = System.nanoTime();
        RuntimeException e = assertThrows(RuntimeException.class, () -> pool.map((Integer x) -> {
            if (x == 0) {
                throw new IllegalArgumentException("first");
            }
            Thread.sleep(500);
            throw new IllegalArgumentException("second");
        }, List.of(0, 1), 1));
        assertEquals("first", e.getMessage());
        assertTrue(System.nanoTime() - start > 400_000_000L);
    }

    @Test
    void progressListenerHearsEveryChunk() throws Exception {
        List<long[]> heard = new CopyOnWriteArrayList<>();
        CountDownLatch end = new CountDownLatch(1);
        try (Pool p = new Pool(PoolOptions.processes(1).progress((done, total) -> {
            heard.add(new long[] {done, total});
            if (done == total) {
                end.countDown();
            }
        }))) {
            assertEquals(squares(10), p.map((Integer x) -> x * x, range(10), 3));
            assertTrue(end.await(10, TimeUnit.SECONDS));
        }
        assertEquals(List.of(3L, 6L, 9L, 10L), heard.stream().map(h -> h[0]).sorted().toList());
        assertTrue(heard.stream().allMatch(h -> h[1] == 10));
    }

    @Test
    void aPoolInsideAChildProcess() throws Exception { // 84
        Process child = new Process(() -> {
            try (Pool inner = new Pool(1)) {
                System.out.println("inner " + inner.map((Integer x) -> x * x, List.of(1, 2, 3)));
            }
        });
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.out;
        System.setOut(new java.io.PrintStream(out, true));
        try {
            child.start();
            assertTrue(child.join(Duration.ofSeconds(60)));
        } finally {
            System.setOut(saved);
        }
        assertEquals(0, child.exitCode());
        assertEquals("inner [1, 4, 9]", out.toString().strip());
    }

    @Test
    void manyThreadsSubmitAtOnce() throws Exception {
        int threads = 4;
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<Long>> sums = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * 1000;
                sums.add(callers.submit(() -> {
                    List<AsyncResult<Integer>> results = new ArrayList<>();
                    for (int i = 0; i < 1000; i++) {
                        int x = base + i;
                        results.add(pool.applyAsync(() -> x * 2));
                    }
                    long sum = pool.map((Integer x) -> x, range(1000), 7).stream().mapToLong(Integer::longValue).sum();
                    Iterator<Integer> it = pool.imapUnordered((Integer x) -> x, range(100), 3);
                    while (it.hasNext()) {
                        sum += it.next();
                    }
                    for (AsyncResult<Integer> r : results) {
                        sum += r.get(Duration.ofSeconds(60));
                    }
                    return sum;
                }));
            }
            for (int t = 0; t < threads; t++) {
                long applies = 0;
                for (int i = 0; i < 1000; i++) {
                    applies += 2L * (t * 1000 + i);
                }
                assertEquals(499_500L + 4950L + applies, sums.get(t).get(90, TimeUnit.SECONDS));
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aPoolInsideAPoolWorker() { // section 3 item 16: Python refuses (daemonic processes have no children)
        int seven = pool.apply(() -> {
            try (Pool inner = new Pool(1)) {
                return inner.apply(() -> 7);
            }
        });
        assertEquals(7, seven);
    }

    @Test
    void largeMap() { // 84, on 2 workers
        assertEquals(332833500L, pool.map((Integer x) -> (long) x * x, range(1000)).stream().mapToLong(Long::longValue).sum());
        List<Integer> big = range(200_000);
        List<Integer> out = pool.map((Integer x) -> x + 1, big);
        assertEquals(200_000, out.size());
        assertEquals(200_000, out.get(199_999));
    }
}
