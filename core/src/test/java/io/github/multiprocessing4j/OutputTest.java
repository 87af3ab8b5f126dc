package io.github.multiprocessing4j;

import io.github.multiprocessing4j.testing.Capture;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A child's output reaches the parent's System.out/err, all of it, before join() returns. */
class OutputTest {

    @Test
    void theSeedsOrderWithARedirectedSystemOut() {
        try (Capture capture = new Capture()) {
            Process p = new Process(() -> System.out.println(10 * 10));
            p.start();
            p.join();
            System.out.println("Main process");
            assertEquals("100\nMain process\n", capture.out());
        }
    }

    @Test
    void everyLineHasArrivedWhenJoinReturns() {
        try (Capture capture = new Capture()) {
            Process p = new Process(() -> {
                for (int i = 0; i < 50_000; i++) {
                    System.out.println("line " + i);
                }
                System.out.print("no newline at the end");
            });
            p.start();
            p.join();
            List<String> lines = capture.out().lines().toList();
            assertEquals(50_001, lines.size());
            assertEquals("line 0", lines.get(0));
            assertEquals("line 49999", lines.get(49_999));
            assertEquals("no newline at the end", lines.get(50_000));
        }
    }

    /**
     * A child reports its end before its JVM is gone, vouching for its output by the bytes it
     * counted; a target that replaced System.out is not counted, so the parent waits for the
     * JVM's end instead: its output is there either way.
     */
    @Test
    void aTargetThatReplacedSystemOutStillHasItsOutputBeforeJoinReturns() {
        for (Context context : List.of(Multiprocessing.getContext("spawn"), Multiprocessing.getContext("forkserver"))) {
            try (Capture capture = new Capture()) {
                Process p = context.process(() -> {
                    System.setOut(new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false));
                    for (int i = 0; i < 20_000; i++) {
                        System.out.println("own stream " + i);
                    }
                    System.out.flush();
                });
                p.start();
                p.join();
                List<String> lines = capture.out().lines().toList();
                assertEquals(20_000, lines.size(), context.getStartMethod());
                assertEquals("own stream 19999", lines.get(19_999));
                assertEquals(0, p.exitCode());
            }
        }
        io.github.multiprocessing4j.internal.runtime.WarmPool.forkserver().shutdown();
    }

    @Test
    void stderrGoesToSystemErrAndStdoutToSystemOut() {
        try (Capture capture = new Capture()) {
            Process p = new Process(() -> {
                System.out.println("to out");
                System.err.println("to err");
            });
            p.start();
            p.join();
            assertEquals("to out\n", capture.out());
            assertEquals("to err\n", capture.err());
        }
    }

    @Test
    void outputFromSeveralChildrenIsNotLost() {
        try (Capture capture = new Capture()) {
            List<Process> ps = IntStream.rangeClosed(1, 4).mapToObj(i -> new Process(() -> {
                for (int k = 0; k < 1000; k++) {
                    System.out.println(i + ":" + k);
                }
            })).toList();
            ps.forEach(Process::start);
            ps.forEach(Process::join);
            List<String> lines = capture.out().lines().toList();
            assertEquals(4000, lines.size());
            for (int i = 1; i <= 4; i++) {
                int child = i;
                List<String> mine = lines.stream().filter(l -> l.startsWith(child + ":")).toList();
                assertEquals(IntStream.range(0, 1000).mapToObj(k -> child + ":" + k).toList(), mine, "each child's lines, in order");
            }
        }
    }

    @Test
    void unicodeSurvives() {
        try (Capture capture = new Capture()) {
            Process p = new Process(() -> System.out.println("프로세스 생성과 실행 방법"));
            p.start();
            p.join();
            assertTrue(capture.out().contains("프로세스 생성과 실행 방법"), capture.out());
        }
    }
}
