package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.runtime.WarmPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A queue's or pipe's shared memory goes back once no process holds it: closed everywhere, or
 * its holders ended, and no form of it still on its way to a process (issue 11, item 6).
 */
class SharedMemoryLifetimeTest {

    /** Generous: the file goes as soon as the last release ran, which follows a child's end. */
    private static final long GONE_WITHIN_MILLIS = 10_000;

    @Test
    void aQueueGivenToAChildIsGoneOnceTheChildEndedAndTheParentClosedIt() throws Exception {
        Queue<String> q = Multiprocessing.queue();
        Path file = fileOf(q);
        Process p = new Process(() -> q.put("from the child"));
        p.start();
        assertEquals("from the child", q.get(Duration.ofSeconds(30)));
        p.join();
        assertTrue(Files.exists(file), "the parent still holds it");
        q.close();
        assertGone(file);
    }

    @Test
    void aParentMayCloseItsQueueRightAfterStartingTheChildThatUsesIt() throws Exception {
        Queue<String> q = Multiprocessing.queue();
        Queue<String> answers = Multiprocessing.queue();
        Path file = fileOf(q);
        q.put("left for the child");
        Process p = new Process(() -> {
            sleep(300); // the parent has closed its queue by now
            answers.put(q.get());
        });
        p.start();
        q.close();
        assertEquals("left for the child", answers.get(Duration.ofSeconds(30)), "the item waited for the child");
        p.join();
        assertGone(file);
        answers.close();
    }

    /** The form the child received may be deserialized until the child ends: the memory waits for that. */
    @Test
    void aSimpleQueueClosedEverywhereGoesWhenTheChildItWasSentToEnds() throws Exception {
        SimpleQueue<String> q = Multiprocessing.simpleQueue();
        Queue<String> answers = Multiprocessing.queue();
        Path file = fileOf(q);
        Process p = new Process(() -> {
            q.put("one");
            q.close();
            answers.put("closed");
            sleep(60_000);
        });
        p.start();
        assertEquals("closed", answers.get(Duration.ofSeconds(30)));
        assertEquals("one", q.get());
        q.close();
        assertTrue(Files.exists(file), "kept while the child it was sent to runs");
        p.kill();
        p.join();
        assertGone(file);
        answers.close();
    }

    @Test
    void aChildKilledWhileHoldingAQueueDoesNotKeepItsMemory() throws Exception {
        JoinableQueue<String> q = Multiprocessing.joinableQueue();
        Path file = fileOf(q);
        Process p = new Process(() -> {
            q.put("holding");
            sleep(60_000);
        });
        p.start();
        assertEquals("holding", q.get(Duration.ofSeconds(30)));
        q.taskDone();
        q.close();
        assertTrue(Files.exists(file), "the child holds it");
        p.kill();
        p.join();
        assertGone(file);
    }

    @Test
    void pipeEndsGivenToAChildAreGoneOnceNoProcessHoldsEither() throws Exception {
        Pipe pipe = Multiprocessing.pipe();
        Connection parentEnd = pipe.left();
        Connection childEnd = pipe.right();
        Path file = Path.of(pathOf(childEnd));
        Process p = new Process(() -> {
            childEnd.send("hello");
            childEnd.send(childEnd.recv());
        });
        p.start();
        childEnd.close();
        assertEquals("hello", parentEnd.recv());
        parentEnd.send("echo");
        assertEquals("echo", parentEnd.recv());
        p.join();
        assertTrue(Files.exists(file), "the parent still holds its end");
        parentEnd.close();
        assertGone(file);
    }

    /** A queue's item has one receiver: what it carries is kept until that receiver has it, then goes as usual. */
    @Test
    void aQueueSentThroughAnotherQueueWaitsForItsReceiverThenGoesWithIt() throws Exception {
        Queue<Queue<String>> carrier = Multiprocessing.queue();
        Queue<String> answers = Multiprocessing.queue();
        Queue<String> inner = Multiprocessing.queue();
        Path file = fileOf(inner);
        inner.put("kept");
        carrier.put(inner); // kept until someone takes it
        inner.close();
        Thread.sleep(300);
        assertTrue(Files.exists(file), "kept for its receiver");
        Process p = new Process(() -> answers.put(carrier.get().get()));
        p.start();
        assertEquals("kept", answers.get(Duration.ofSeconds(30)));
        p.join();
        assertGone(file); // closed here, its receiver ended
        carrier.close();
        answers.close();
    }

    @Test
    void aQueueInAPoolsInitializerIsGoneOnceThePoolStoppedAndItsOwnerClosedIt() throws Exception {
        Queue<Long> started = Multiprocessing.queue();
        Path file = fileOf(started);
        Pool pool = new Pool(PoolOptions.processes(2).initializer(() -> started.put(ProcessHandle.current().pid())));
        assertEquals(java.util.List.of(1, 4, 9), pool.map((Integer x) -> x * x, java.util.List.of(1, 2, 3)));
        pool.close();
        pool.join();
        Set<Long> workers = new HashSet<>();
        workers.add(started.get(Duration.ofSeconds(30)));
        workers.add(started.get(Duration.ofSeconds(30)));
        assertEquals(2, workers.size(), "each worker ran the initializer");
        assertTrue(Files.exists(file), "the parent still holds it");
        started.close();
        assertGone(file);
    }

    @Test
    void aWarmJvmGivesUpTheQueuesOfAProcessWhenThatProcessEnds() throws Exception {
        Context warm = Multiprocessing.getContext("warm");
        Queue<String> q = Multiprocessing.queue();
        Path file = fileOf(q);
        Process p = warm.process(() -> q.put("from a warm JVM")); // the warm JVM stays after it
        p.start();
        assertEquals("from a warm JVM", q.get(Duration.ofSeconds(30)));
        p.join();
        q.close();
        assertGone(file);
    }

    @AfterAll
    static void stopWarmJvms() {
        WarmPool.get().shutdown();
    }

    /** A manager's clients connect through pipes handed to it in a queue: a client's end goes with it. */
    @Test
    void thePipesAChildOpenedToAManagerAreGoneOnceTheChildEnded() throws Exception {
        try (Manager m = Multiprocessing.manager()) {
            java.util.Map<String, Integer> d = m.dict();
            List<Long> children = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int n = i;
                Process p = new Process(() -> d.put("k" + n, n));
                p.start();
                p.join();
                assertEquals(0, p.exitCode());
                children.add(p.pid());
            }
            assertEquals(3, d.size());
            long deadline = System.nanoTime() + GONE_WITHIN_MILLIS * 1_000_000;
            List<String> left = ringsOf(children);
            while (!left.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
                left = ringsOf(children);
            }
            assertEquals(List.of(), left, "no ring a child made is left");
        }
    }

    private static List<String> ringsOf(List<Long> pids) throws java.io.IOException {
        try (java.util.stream.Stream<Path> all = Files.list(Path.of("/dev/shm"))) {
            return all.map(f -> f.getFileName().toString())
                    .filter(n -> pids.stream().anyMatch(pid -> n.contains("-ring-" + pid + ".")))
                    .toList();
        }
    }

    @Test
    void aClosedQueueCannotBeSentAndAQueueWhoseMemoryWentCannotBeReached() {
        Queue<String> q = Multiprocessing.queue();
        q.close();
        Process p = new Process(() -> q.put("x"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, p::start);
        assertTrue(String.valueOf(e.getMessage()).contains("closed"), e.getMessage());
        IllegalStateException closed = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, q::qsize);
        assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
    }

    @Test
    void manyQueuesHandedToChildrenLeaveNoFileBehind() throws Exception {
        Set<Path> files = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            Queue<Integer> q = Multiprocessing.queue();
            files.add(fileOf(q));
            int n = i;
            Process p = new Process(() -> q.put(n));
            p.start();
            assertEquals(n, q.get(Duration.ofSeconds(30)));
            q.close();
            p.join();
        }
        for (Path file : files) {
            assertGone(file);
        }
        assertFalse(files.isEmpty());
    }

    private static Path fileOf(Object queue) {
        return Path.of(queue instanceof SharedQueue<?> q ? q.core().ring().path() : ((SharedSimpleQueue<?>) queue).core().ring().path());
    }

    private static String pathOf(Connection end) {
        return ((RingConnection) end).ringPath();
    }

    private static void assertGone(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + GONE_WITHIN_MILLIS * 1_000_000;
        while (Files.exists(file) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(Files.exists(file), file + " was given back");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
