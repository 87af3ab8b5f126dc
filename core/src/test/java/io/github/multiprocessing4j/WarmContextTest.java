package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.runtime.WarmPool;
import io.github.multiprocessing4j.testing.Await;
import io.github.multiprocessing4j.testing.Capture;
import io.github.multiprocessing4j.testing.Files2;
import io.github.multiprocessing4j.testing.JavaProgram;
import io.github.multiprocessing4j.testing.programs.WarmIdleProgram;
import io.github.multiprocessing4j.testing.programs.WarmPidsProgram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The "warm" start method: JVMs started ahead of need, reused by processes that run one after another. */
class WarmContextTest {

    private static final Context WARM = Multiprocessing.getContext("warm");

    @TempDir
    Path dir;

    @AfterAll
    static void stopTheWarmJvms() {
        WarmPool.get().shutdown();
    }

    @Test
    void aWarmProcessRunsInAJvmThatWasAlreadyWaiting() throws Exception {
        assertEquals("warm", WARM.getStartMethod());
        Await.until("two idle warm JVMs", 60, () -> WarmPool.get().idleCount() >= 2);
        Set<Long> idle = ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
        try (Capture capture = new Capture()) {
            Process p = WARM.process(() -> System.out.println("warm " + Multiprocessing.currentProcess().getName()));
            p.start();
            p.join();
            assertEquals(0, p.exitCode(), capture.err());
            assertEquals("warm " + p.getName() + "\n", capture.out());
            assertTrue(idle.contains(p.pid()), "the process ran in a JVM started before it");
        }
    }

    @Test
    void processesRunningAtOnceEachGetAJvmWithPythonsExitCodes() throws Exception {
        String ready = dir.resolve("ready").toString();
        String go = dir.resolve("go").toString();
        List<Process> ps = List.of(
                WARM.process(() -> waitFor(ready + 0, go)),
                WARM.process(() -> {
                    waitFor(ready + 1, go);
                    System.exit(5);
                }),
                WARM.process(() -> {
                    waitFor(ready + 2, go);
                    throw new IllegalStateException("warm failure");
                }));
        try (Capture capture = new Capture()) {
            ps.forEach(Process::start);
            for (int i = 0; i < 3; i++) {
                Files2.awaitFile(ready + i);
            }
            Files2.touch(go);
            ps.forEach(Process::join);
            assertEquals(List.of(0, 5, 1), ps.stream().map(Process::exitCode).toList());
            assertEquals(3, ps.stream().map(Process::pid).distinct().count(), "all three ran at the same time");
            assertTrue(capture.err().contains("warm failure"), capture.err());
        }
        Process looping = WARM.process(() -> {
            Files2.touch(go + "-looping");
            Files2.sleepForever();
        });
        looping.start();
        Files2.awaitFile(go + "-looping");
        looping.terminate();
        looping.join();
        assertEquals(-15, looping.exitCode());
    }

    private static void waitFor(String ready, String go) {
        try {
            Files2.touch(ready);
            Files2.awaitFile(go);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counts the processes a JVM ran: static state outlives a process in a reused warm JVM. */
    static final class Runs {
        static int count;
    }

    @Test
    void processesOneAfterAnotherRunInOneJvmThatStaysWarm() {
        try (Capture capture = new Capture()) {
            List<Long> pids = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Process p = WARM.process(() -> {
                    Runs.count++;
                    System.out.println(Multiprocessing.currentProcess().getName() + " " + (Runs.count > 1 ? "reused" : "first"));
                });
                p.start();
                p.join();
                assertEquals(0, p.exitCode(), capture.err());
                assertFalse(p.isAlive());
                pids.add(p.pid());
                // the output came before join() returned, though the JVM did not exit
                assertTrue(capture.out().contains(p.getName() + " "), capture.out());
            }
            assertEquals(1, pids.stream().distinct().count(), "one JVM ran all three: " + pids + capture.err());
            assertTrue(capture.out().endsWith(" reused\n"), capture.out());
            assertTrue(ProcessHandle.of(pids.get(0)).map(ProcessHandle::isAlive).orElse(false), "the JVM stays, idle");
        }
    }

    @Test
    void aJvmIsNotReusedAfterAProcessThatFailedOrLeftAThreadRunning() throws Exception {
        Process failing = WARM.process(() -> {
            throw new IllegalStateException("expected by the test");
        });
        Process threaded = WARM.process(() -> Thread.ofPlatform().daemon().start(() -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException ignored) {
                // exit
            }
        }));
        try (Capture capture = new Capture()) {
            for (Process p : List.of(failing, threaded)) {
                p.start();
                p.join();
                Await.until("the JVM of " + p.getName() + " exits", 30,
                        () -> ProcessHandle.of(p.pid()).map(h -> !h.isAlive()).orElse(true));
            }
            assertEquals(1, failing.exitCode());
            assertEquals(0, threaded.exitCode());
        }
    }

    @Test
    void aProcessThatEndsHoldingALockLeavesItsJvmSoTheNextTakerSeesTheOwnerDied() throws Exception {
        try (Capture io = new Capture()) {
            Lock lock = Multiprocessing.lock();
            Process holder = WARM.process(lock::acquire);
            holder.start();
            holder.join();
            assertEquals(0, holder.exitCode());
            assertTrue(lock.acquire(Duration.ofSeconds(30)), "the lock is taken over once the JVM that held it is gone");
            try {
                assertTrue(lock.ownerDied());
            } finally {
                lock.release();
            }
            assertTrue(io.err().contains("has taken it over"), io.err());
        }
    }

    @Test
    void aPipeEndHeldByAWarmProcessIsGivenUpWhenTheProcessEnds() {
        Pipe pipe = Multiprocessing.pipe();
        Connection mine = pipe.left();
        Connection theirs = pipe.right();
        Process p = WARM.process(() -> theirs.send("hello"));
        p.start();
        assertEquals("hello", mine.recv());
        p.join();
        theirs.close();
        UncheckedIOException eof = assertThrows(UncheckedIOException.class, mine::recv);
        assertTrue(eof.getCause() instanceof java.io.EOFException, eof.toString());
        mine.close();
    }

    @Test
    void signallingAProcessThatEndedDoesNotHitTheNextOneInItsJvm() throws Exception {
        Process first = WARM.process(() -> { });
        first.start();
        first.join();
        String ready = dir.resolve("second").toString();
        Process second = WARM.process(() -> {
            Files2.touch(ready);
            Files2.sleepForever();
        });
        second.start();
        Files2.awaitFile(ready);
        first.terminate();
        first.kill();
        assertFalse(second.join(Duration.ofMillis(300)), "the second process still runs");
        second.terminate();
        second.join();
        assertEquals(0, first.exitCode());
        assertEquals(-15, second.exitCode());
    }

    @Test
    void aProcessWithItsOwnJvmOptionsIsLaunchedFresh() {
        try (Capture capture = new Capture()) {
            Process p = WARM.process(() -> System.out.println(System.getProperty("flag")));
            p.setJvmOptions(List.of("-Dflag=fresh"));
            p.start();
            p.join();
            assertEquals("fresh\n", capture.out());
        }
    }

    @Test
    void aNonDaemonWarmProcessKeepsItsFlag() {
        try (Capture capture = new Capture()) {
            Process daemon = WARM.process(() -> System.out.println(Multiprocessing.currentProcess().isDaemon()));
            daemon.setDaemon(true);
            Process plain = WARM.process(() -> System.out.println(Multiprocessing.currentProcess().isDaemon()));
            daemon.start();
            daemon.join();
            plain.start();
            plain.join();
            assertEquals("true\nfalse\n", capture.out());
        }
    }

    @Test
    void reuseCanBeSwitchedOff() throws Exception {
        try (JavaProgram program = JavaProgram.start(List.of("-Dmp4j.warm.reuse=false", "-cp", System.getProperty("java.class.path")),
                WarmPidsProgram.class.getName())) {
            assertEquals("jvms=3", program.nextLine());
            program.rest();
            assertEquals(0, program.process().exitValue());
        }
    }

    @Test
    void idleWarmJvmsExitAfterTheIdleTime() throws Exception {
        try (JavaProgram program = JavaProgram.start(List.of("-Dmp4j.warm.idleSeconds=1", "-cp", System.getProperty("java.class.path")),
                WarmIdleProgram.class.getName())) {
            assertEquals("idle=2", program.nextLine());
            assertEquals("idle=0", program.nextLine());
            program.rest();
            assertEquals(0, program.process().exitValue());
        }
    }
}
