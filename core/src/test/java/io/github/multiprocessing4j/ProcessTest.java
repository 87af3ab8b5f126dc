package io.github.multiprocessing4j;

import io.github.multiprocessing4j.testing.Await;
import io.github.multiprocessing4j.testing.Capture;
import io.github.multiprocessing4j.testing.Files2;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Process, call by call (CPython's test_process, test_active_children, test_close, …). */
class ProcessTest {

    @TempDir
    Path dir;

    @Test
    void startJoinAndTheStatesBetween() throws Exception {
        String go = dir.resolve("go").toString();
        Process p = new Process(() -> Files2.awaitFile(go));
        assertFalse(p.isAlive());
        assertNull(p.pid());
        assertNull(p.exitCode());
        assertFalse(Multiprocessing.activeChildren().contains(p));

        p.start();
        assertNotNull(p.pid());
        assertTrue(p.isAlive());
        assertNull(p.exitCode());
        assertTrue(Multiprocessing.activeChildren().contains(p));
        assertFalse(p.join(Duration.ofMillis(50)), "join with a timeout returns false while the child waits");
        assertFalse(p.join(Duration.ZERO));

        Files2.touch(go);
        p.join();
        assertFalse(p.isAlive());
        assertEquals(0, p.exitCode());
        assertTrue(p.join(Duration.ZERO));
        assertFalse(Multiprocessing.activeChildren().contains(p));
        assertSame(p, p.onExit().get(10, TimeUnit.SECONDS));
        p.close();
    }

    @Test
    void theChildKnowsItsNameItsParentAndItself() {
        try (Capture capture = new Capture()) {
            long parentPid = ProcessHandle.current().pid();
            Process p = new Process("SomeProcess", () -> {
                Process me = Multiprocessing.currentProcess();
                Process parent = Multiprocessing.parentProcess().orElseThrow();
                System.out.println("name=" + me.getName());
                System.out.println("pid=" + (me.pid() == ProcessHandle.current().pid()));
                System.out.println("alive=" + me.isAlive());
                System.out.println("parent=" + parent.getName() + " " + (parent.pid() == parentPid) + " " + parent.isAlive());
                System.out.println("daemon=" + me.isDaemon());
            });
            p.setDaemon(true);
            p.start();
            p.join();
            assertEquals(0, p.exitCode(), capture.err());
            assertEquals(List.of("name=SomeProcess", "pid=true", "alive=true", "parent=MainProcess true true", "daemon=true"),
                    capture.out().lines().toList());
        }
    }

    @Test
    void namesCountUpAndNestInChildren() {
        try (Capture capture = new Capture()) {
            Process p = new Process(() -> {
                Process grandchild = new Process(() -> {
                    System.out.println("grandchild " + Multiprocessing.currentProcess().getName()
                            + " of " + Multiprocessing.parentProcess().orElseThrow().getName());
                });
                grandchild.start();
                grandchild.join();
                System.out.println("child " + Multiprocessing.currentProcess().getName() + " exit " + grandchild.exitCode());
            });
            String name = p.getName();
            assertTrue(name.matches("Process-\\d+"), name);
            int n = Integer.parseInt(name.substring("Process-".length()));
            assertEquals("Process-" + (n + 1), new Process(() -> { }).getName());
            p.start();
            p.join();
            assertEquals(0, p.exitCode(), capture.err());
            assertEquals(List.of("grandchild " + name + ":1 of " + name, "child " + name + " exit 0"), capture.out().lines().toList());
        }
    }

    @Test
    void theMainProcess() {
        Process main = Multiprocessing.currentProcess();
        assertEquals("MainProcess", main.getName());
        assertTrue(main.isAlive());
        assertEquals(ProcessHandle.current().pid(), main.pid());
        assertNull(main.exitCode());
        assertFalse(main.isDaemon());
        assertSame(main, Multiprocessing.currentProcess());
        assertTrue(Multiprocessing.parentProcess().isEmpty());
        assertThrows(IllegalStateException.class, main::start);
        assertThrows(IllegalStateException.class, main::join);
        assertThrows(IllegalStateException.class, main::terminate);
        assertTrue(main.toString().contains("MainProcess"));
        assertTrue(Multiprocessing.cpuCount() >= 1);
    }

    @Test
    void daemonFlag() throws Exception {
        Process p = new Process(() -> { });
        assertFalse(p.isDaemon(), "inherits the main process's flag");
        p.setDaemon(true);
        assertTrue(p.isDaemon());
        p.setDaemon(false);
        p.start();
        assertThrows(IllegalStateException.class, () -> p.setDaemon(true));
        p.join();
    }

    @Test
    void aSubclassRunsItsOwnRunWithItsFields() {
        try (Capture capture = new Capture()) {
            Squarer p = new Squarer(12);
            assertTrue(p.getName().startsWith("Squarer-"), p.getName());
            p.start();
            p.join();
            assertEquals("144\n", capture.out());
            assertEquals(0, p.exitCode());
        }
    }

    static final class Squarer extends Process {
        private final int n;

        Squarer(int n) {
            this.n = n;
        }

        @Override
        public void run() {
            System.out.println(n * n);
        }
    }

    @Test
    void misuseIsAClearIllegalStateException() throws Exception {
        Process p = new Process(() -> Files2.sleepForever());
        var e = assertThrows(IllegalStateException.class, p::join);
        assertTrue(e.getMessage().contains("not started"), e.getMessage());
        assertThrows(IllegalStateException.class, p::terminate);
        assertThrows(IllegalStateException.class, p::kill);
        assertThrows(IllegalStateException.class, p::onExit);
        p.start();
        e = assertThrows(IllegalStateException.class, p::start);
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
        e = assertThrows(IllegalStateException.class, p::close);
        assertTrue(e.getMessage().contains("still running"), e.getMessage());
        p.kill();
        p.join();
        p.close();
        p.close();
        assertEquals(p.getName(), p.getName());
        for (org.junit.jupiter.api.function.Executable call : List.<org.junit.jupiter.api.function.Executable>of(
                p::isAlive, p::join, p::terminate, p::kill, p::start, p::pid, p::exitCode, () -> p.join(Duration.ZERO))) {
            e = assertThrows(IllegalStateException.class, call);
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
        }
        Process fresh = new Process(() -> { });
        fresh.close();
        assertThrows(IllegalStateException.class, fresh::start);
    }

    @Test
    void terminateAndKillOnAnEndedProcessDoNothing() {
        Process p = new Process(() -> { });
        p.start();
        p.join();
        p.terminate();
        p.kill();
        assertEquals(0, p.exitCode());
    }

    @Test
    void joinIsInterruptible() throws Exception {
        Process p = new Process(() -> Files2.sleepForever());
        p.start();
        Thread.currentThread().interrupt();
        ProcessException e = assertThrows(ProcessException.class, p::join);
        assertTrue(Thread.interrupted(), "the interrupt flag is restored");
        assertTrue(e.getCause() instanceof InterruptedException);
        p.kill();
        p.join();
    }

    @Test
    void parentProcessOfAChildCanBeJoinedWithATimeout() {
        try (Capture capture = new Capture()) {
            Process p = new Process(() -> {
                Process parent = Multiprocessing.parentProcess().orElseThrow();
                System.out.println("joined=" + parent.join(Duration.ofMillis(20)));
            });
            p.start();
            p.join();
            assertEquals("joined=false\n", capture.out(), capture.err());
        }
    }

    @Test
    void manyProcessesAtOnce() {
        List<Process> processes = java.util.stream.IntStream.range(0, 6).mapToObj(i -> new Process(() -> { })).toList();
        processes.forEach(Process::start);
        processes.forEach(Process::join);
        processes.forEach(p -> assertEquals(0, p.exitCode()));
    }

    @Test
    void toStringLikePythonsRepr() {
        Process p = new Process("Named", () -> { });
        assertEquals("<Process name='Named' initial>", p.toString());
        p.start();
        p.join();
        assertTrue(p.toString().matches("<Process name='Named' pid=\\d+ parent=\\d+ stopped exitcode=0>"), p.toString());
        p.close();
        assertEquals("<Process name='Named' closed>", p.toString());
    }

    @Test
    void theVersionIsTheArtifactsVersion() {
        assertTrue(Multiprocessing.VERSION.matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), Multiprocessing.VERSION);
    }

    @Test
    void contexts() {
        assertEquals("spawn", Multiprocessing.getContext().getStartMethod());
        assertEquals("spawn", Multiprocessing.getContext("spawn").getStartMethod());
        var e = assertThrows(IllegalArgumentException.class, () -> Multiprocessing.getContext("fork"));
        assertTrue(e.getMessage().contains("'fork'") && e.getMessage().contains("spawn"), e.getMessage());
        try (Capture capture = new Capture()) {
            Process p = Multiprocessing.getContext("spawn").process("ctx", () -> System.out.println("from ctx"));
            p.start();
            p.join();
            assertEquals("from ctx\n", capture.out());
        }
    }

    @Test
    void jvmOptionsReachTheChild() {
        try (Capture capture = new Capture()) {
            Process p = new Process(() -> System.out.println(System.getProperty("mp4j.test.flag")));
            p.setJvmOptions(List.of("-Dmp4j.test.flag=on", "-Xmx64m"));
            p.start();
            p.join();
            assertEquals("on\n", capture.out());
            assertThrows(IllegalStateException.class, () -> p.setJvmOptions(List.of()));
        }
    }

    @Test
    void aChildWaitsForItsNonDaemonThreads() throws Exception {
        Path marker = dir.resolve("thread-done");
        String path = marker.toString();
        Process p = new Process(() -> {
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(300);
                    Files2.touch(path);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            t.start();
        });
        p.start();
        p.join();
        assertEquals(0, p.exitCode());
        assertTrue(Files.exists(marker), "the child's non-daemon thread finished before the child exited");
    }

    @Test
    void aChildSeesAnEmptyStdin() {
        try (Capture capture = new Capture()) {
            Process p = new Process(() -> System.out.println("read=" + System.in.read()));
            p.start();
            p.join();
            assertEquals("read=-1\n", capture.out());
        }
    }

    @Test
    void activeChildrenListsOnlyRunningOnes() throws Exception {
        String go = dir.resolve("go2").toString();
        Process a = new Process(() -> Files2.awaitFile(go));
        Process b = new Process(() -> { });
        a.start();
        b.start();
        b.join();
        List<Process> active = Multiprocessing.activeChildren();
        assertTrue(active.contains(a));
        assertFalse(active.contains(b));
        Files2.touch(go);
        a.join();
        Await.until("no active children", 10, () -> Multiprocessing.activeChildren().isEmpty());
    }
}
