package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.runtime.WarmPool;
import io.github.multiprocessing4j.testing.Await;
import io.github.multiprocessing4j.testing.Capture;
import io.github.multiprocessing4j.testing.Files2;
import io.github.multiprocessing4j.testing.JavaProgram;
import io.github.multiprocessing4j.testing.programs.WarmIdleProgram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The "warm" start method: JVMs started ahead of need; each process still gets its own. */
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
    void eachProcessGetsAJvmOfItsOwnWithPythonsExitCodes() throws Exception {
        List<Process> ps = List.of(
                WARM.process(() -> { }),
                WARM.process(() -> System.exit(5)),
                WARM.process(() -> {
                    throw new IllegalStateException("warm failure");
                }));
        try (Capture capture = new Capture()) {
            ps.forEach(Process::start);
            ps.forEach(Process::join);
            assertEquals(List.of(0, 5, 1), ps.stream().map(Process::exitCode).toList());
            assertEquals(3, ps.stream().map(Process::pid).distinct().count());
            assertTrue(capture.err().contains("warm failure"), capture.err());
        }
        String ready = dir.resolve("ready").toString();
        Process looping = WARM.process(() -> {
            Files2.touch(ready);
            Files2.sleepForever();
        });
        looping.start();
        Files2.awaitFile(ready);
        looping.terminate();
        looping.join();
        assertEquals(-15, looping.exitCode());
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
