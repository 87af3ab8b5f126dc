package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.runtime.RunDirectory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hostile or unlucky input that once broke a promise of the library (issue 11). */
class HardeningTest {

    /** A link of a chain too long to serialize recursively. */
    record Link(int n, Link next) implements Serializable {
        static Link chain(int length) {
            Link head = null;
            for (int i = 0; i < length; i++) {
                head = new Link(i, head);
            }
            return head;
        }
    }

    @Test
    void aGraphTooDeepToSerializeFailsStartWithAClearErrorNotAStackOverflow() {
        Link chain = Link.chain(100_000);
        Process p = new Process(() -> System.out.println(chain.n()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, p::start);
        assertTrue(e.getMessage().contains("too deep to serialize") && e.getMessage().contains("Process"), e.getMessage());
        assertEquals(null, p.pid(), "nothing was started");
    }

    @Test
    void aGraphTooDeepToSerializeFailsPutAndLeavesTheQueueAsItWas() {
        Queue<Object> q = Multiprocessing.queue();
        q.put("before");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> q.put(Link.chain(100_000)));
        assertTrue(e.getMessage().contains("too deep to serialize") && e.getMessage().contains(Link.class.getName()), e.getMessage());
        assertEquals(1, q.qsize());
        assertEquals("before", q.getNowait());
        q.close();
    }

    /**
     * Nested hash sets that share their members (SerialDOS): 100 levels, a few kilobytes, whose
     * rebuilding would cost 2^100 hash computations. Refused at once.
     */
    @Test
    @org.junit.jupiter.api.Timeout(120)
    void nestedSetsThatWouldTakeForeverToRebuildAreRefusedAtOnce() {
        java.util.Set<Object> root = new java.util.HashSet<>();
        java.util.Set<Object> s1 = root;
        java.util.Set<Object> s2 = new java.util.HashSet<>();
        for (int i = 0; i < 100; i++) {
            java.util.Set<Object> t1 = new java.util.HashSet<>();
            java.util.Set<Object> t2 = new java.util.HashSet<>();
            t1.add("foo"); // t1 and t2 differ
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        Pipe pipe = Multiprocessing.pipe();
        pipe.left().send(root);
        long start = System.nanoTime();
        ProcessException refused = assertThrows(ProcessException.class, () -> pipe.right().recv());
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "refused at once");
        assertTrue(refused.getMessage().contains("mp4j.serial.maxHashDepth"), refused.getMessage());
        pipe.left().close();
        pipe.right().close();
    }

    /** A stream nested deeper than the bound (configurable) is refused, the message naming the bound. */
    @Test
    void aStreamNestedDeeperThanTheBoundIsRefusedNamingTheBound() throws Exception {
        Object deep = 1;
        for (int i = 0; i < 100; i++) {
            deep = new java.util.concurrent.atomic.AtomicReference<>(deep); // JDK serialization, a level each
        }
        String answer = whatAChildGets(deep, "-Dmp4j.serial.maxDepth=50");
        assertTrue(answer.startsWith("refused: ") && answer.contains("mp4j.serial.maxDepth"), answer);
    }

    /** The JVM's own filter ({@code -Djdk.serialFilter}) keeps its say beside the library's. */
    @Test
    void theJvmsSerialFilterIsCombinedWithTheLibrarysNotReplaced() throws Exception {
        String answer = whatAChildGets(new java.util.concurrent.atomic.AtomicLong(7), "-Djdk.serialFilter=!java.util.concurrent.atomic.AtomicLong");
        assertTrue(answer.startsWith("refused: ") && answer.contains("REJECTED"), answer);
    }

    /**
     * A queue's shared memory grows with what it holds, and goes back once no process holds it:
     * a program that makes and closes a queue per request runs for good (queues that went to
     * other processes: SharedMemoryLifetimeTest).
     */
    @Test
    void queuesMadeAndClosedInALoopLeaveDevShmAsItWas() throws Exception {
        Queue<Object> warm = Multiprocessing.queue(); // the run and its heap exist before counting
        warm.close();
        List<String> before = runFiles();
        for (int i = 0; i < 10_000; i++) {
            switch (i % 3) { // each kind of queue in turn: a used one, a bounded one, a simple one
                case 0 -> {
                    Queue<Object> q = Multiprocessing.queue();
                    q.put(i);
                    assertEquals(i, q.get());
                    q.close();
                }
                case 1 -> Multiprocessing.joinableQueue(10).close();
                default -> Multiprocessing.simpleQueue().close();
            }
        }
        List<String> left = new java.util.ArrayList<>(runFiles());
        left.removeAll(before); // files of earlier tests may go meanwhile: their queues are collected, their holds released
        assertEquals(List.of(), left, "no queue file made in the loop is left");
    }

    @Test
    void anIdleQueueThatHeldAnItemTakesLittleSharedMemory() throws Exception {
        Queue<Object> q = Multiprocessing.queue();
        q.put("one");
        assertEquals("one", q.get());
        String path = ((SharedQueue<Object>) q).core().ring().path();
        java.lang.Process du = new ProcessBuilder("du", "-k", path).start();
        long kb = Long.parseLong(new String(du.getInputStream().readAllBytes()).split("\\s+")[0]);
        assertTrue(kb < 256, "a 4 MiB ring that held one item takes " + kb + " KiB of /dev/shm");
        q.close();
        assertTrue(Files.notExists(Path.of(path)), "and gives it back at close");
    }

    private static List<String> runFiles() throws IOException {
        String prefix = "mp4j-" + RunDirectory.get().runId();
        try (Stream<Path> all = Files.list(Path.of("/dev/shm"))) {
            return all.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).sorted().toList();
        }
    }

    /** The run directory is 0700; every file and socket in it is 0600 besides. */
    @Test
    void everyFileAndSocketOfTheRunIsTheOwnersOnly() throws Exception {
        Process p = new Process(() -> { });
        p.start();   // the control socket
        p.join();
        try (Listener listener = Listener.unix()) {
            Path dir = RunDirectory.get().dir();
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
            List<Path> files;
            try (Stream<Path> all = Files.list(dir)) {
                files = all.toList();
            }
            assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().equals("root")), files.toString());
            assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().endsWith(".sock")), files.toString());
            for (Path f : files) {
                String mode = mode(f);
                assertTrue(mode.equals("rw-------") || mode.equals("gone"), f + " is " + mode); // gone: a run file removed meanwhile
            }
        }
    }

    /** @return what a child run with {@code jvmOption} says of the item it gets from a queue: "got …" or "refused: …" */
    private static String whatAChildGets(Object item, String jvmOption) {
        Queue<Object> q = Multiprocessing.queue();
        Queue<String> said = Multiprocessing.queue();
        q.put(item);
        Process p = new Process(() -> {
            try {
                said.put("got " + q.get());
            } catch (ProcessException e) {
                said.put("refused: " + e.getMessage());
            }
        });
        p.setJvmOptions(List.of(jvmOption));
        p.start();
        String answer = said.get(java.time.Duration.ofSeconds(60));
        p.join();
        return answer;
    }

    private static String mode(Path f) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(f));
        } catch (IOException e) {
            return "gone";
        }
    }
}
