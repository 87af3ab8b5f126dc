package io.github.multiprocessing4j.examples;

import io.github.multiprocessing4j.testing.Capture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the whole tour, as {@code ./mp4j tour} does and as {@code ./mp4j tour --cluster} does, and
 * checks each run's output block by block against what the seed promises: the same expectations
 * for both, since the cluster's tour must print what the local one prints.
 *
 * <p>Each run is made once, by the first test that asks for it ({@link #tour(Where)}); each
 * section's test reads {@link Run#block(String)}: the lines a block printed after its
 * {@code -- block <id>:} marker, up to the next marker or section heading.
 */
class TourTest {

    /** Where the tour runs. */
    enum Where {
        /** {@code ./mp4j tour}: the default context, child JVMs of this one. */
        LOCAL,
        /** {@code ./mp4j tour --cluster}: a HazelcastContext of two agents the tour starts and stops. */
        CLUSTER
    }

    /** What one run of the tour printed, split into headings and blocks. */
    record Run(String output, List<String> headings, Map<String, List<String>> blocks) {

        static Run parse(String output) {
            List<String> headings = new ArrayList<>();
            Map<String, List<String>> blocks = new LinkedHashMap<>();
            String current = null;
            for (String line : output.lines().toList()) {
                if (line.startsWith("== ")) {
                    headings.add(line);
                    current = null;
                } else if (line.startsWith("-- block ")) {
                    current = line.substring("-- block ".length(), line.indexOf(':'));
                    blocks.put(current, new ArrayList<>());
                } else if (current != null && !line.isEmpty()) {
                    blocks.get(current).add(line);
                }
            }
            return new Run(output, headings, blocks);
        }

        /** @return the lines block {@code id} (such as "1.2") printed */
        List<String> block(String id) {
            List<String> lines = blocks.get(id);
            assertTrue(lines != null, "the tour has no block " + id + "; its output was:\n" + output);
            return lines;
        }
    }

    private static final Map<Where, Run> RUNS = new EnumMap<>(Where.class);
    /** The agent and worker JVMs seen during the cluster's run: none may outlive it. */
    private static final Set<ProcessHandle> CLUSTER_JVMS = ConcurrentHashMap.newKeySet();

    /** @return the output of the tour run {@code where}, running it the first time */
    static synchronized Run tour(Where where) throws Exception {
        Run run = RUNS.get(where);
        if (run == null) {
            String[] args = where == Where.CLUSTER ? new String[] {Tour.CLUSTER} : new String[0];
            Thread watcher = where == Where.CLUSTER ? Thread.ofPlatform().daemon().start(TourTest::watchClusterJvms) : null;
            try (Capture capture = new Capture()) {
                Tour.main(args);
                run = Run.parse(capture.out());
                assertEquals("", capture.err(), "the tour writes nothing to stderr");
            } finally {
                if (watcher != null) {
                    watcher.interrupt();
                    watcher.join();
                }
            }
            RUNS.put(where, run);
        }
        return run;
    }

    /**
     * Notes every agent JVM and every worker JVM of an agent while the cluster's tour runs: once an
     * agent has gone, a worker JVM that outlived it is no longer a descendant of this JVM, and
     * LeakCheck (which looks at descendants) would not see it.
     */
    private static void watchClusterJvms() {
        while (!Thread.currentThread().isInterrupted()) {
            ProcessHandle.current().descendants()
                    .filter(p -> p.info().commandLine().map(c -> c.contains("hazelcast.internal.Agent") || c.contains("WorkerMain")).orElse(false))
                    .forEach(CLUSTER_JVMS::add);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Where.class)
    void everySectionRunsInTheSeedsOrder(Where where) throws Exception {
        List<String> headings = tour(where).headings();
        List<Integer> numbers = headings.stream().map(h -> Integer.parseInt(h.substring(3, h.indexOf('.')))).toList();
        assertEquals(Tour.SECTIONS.stream().map(Tour.Section::number).toList(), numbers);
        assertEquals(numbers.stream().sorted().toList(), numbers);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Where.class)
    void section1ProcessesStartAndJoin(Where where) throws Exception {
        Run run = tour(where);
        assertTrue(run.headings().contains("== 1. 프로세스 생성과 실행 방법 (creating and running processes) =="), run.headings().toString());
        assertEquals(1, run.block("1.1").size());
        assertTrue(run.block("1.1").getFirst().matches("created Process-\\d+, alive: false"), run.block("1.1").toString());
        assertEquals(List.of("100", "Main process"), run.block("1.2").stream().sorted().toList(), "either order");
        assertEquals(List.of("100", "Main process"), run.block("1.3"), "join() first: always this order");
        List<String> four = run.block("1.4");
        assertEquals(5, four.size(), four.toString());
        assertEquals(List.of("1", "16", "4", "9"), four.subList(0, 4).stream().sorted().toList(), "the squares, in any order");
        assertEquals("Main process", four.get(4));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Where.class)
    void section2SharedMemoryUnderALock(Where where) throws Exception {
        Run run = tour(where);
        assertTrue(run.headings().contains("== 2. 프로세스 통신과 동기화 방법 (communication and synchronization between processes) =="),
                run.headings().toString());
        assertEquals(List.of("shared_value = Value('i', 0)"), run.block("2.1"));
        assertEquals(List.of("shared_array = Array('i', [1, 2, 3, 4])"), run.block("2.2"));
        assertEquals(List.of("lock = Lock(owner=None)"), run.block("2.3"));
        assertEquals(List.of("4", "[5, 6, 7, 8]"), run.block("2.4"), "four increments under the lock, none lost");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Where.class)
    void section3PoolsAndMap(Where where) throws Exception {
        Run run = tour(where);
        assertTrue(run.headings().contains("== 3. 병렬 실행을 위한 풀과 맵 사용 방법 (pools and map for parallel execution) =="),
                run.headings().toString());
        assertEquals(List.of("<Pool state=RUNNING pool_size=4>"), run.block("3.1"));
        assertEquals(List.of("[1, 4, 9, 16, 25]"), run.block("3.2"));
        assertEquals(List.of("100"), run.block("3.3"));
        for (String id : List.of("3.4", "3.5")) {
            List<String> lines = run.block(id);
            assertEquals(3, lines.size(), lines.toString());
            assertTrue(List.of("false", "true").contains(lines.get(0)), "ready() at once: false, or already true: " + lines);
            assertEquals("true", lines.get(1));
        }
        assertEquals("[1, 4, 9, 16, 25]", run.block("3.4").get(2));
        assertEquals("100", run.block("3.5").get(2));
        assertEquals(List.of("[1, 8, 27, 64, 125]"), run.block("3.6"), "the callback gets the whole list, once");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Where.class)
    void section4QueuesAreFirstInFirstOutWithinAndBetweenProcesses(Where where) throws Exception {
        Run run = tour(where);
        assertTrue(run.headings().contains("== 4. 프로세스간 통신을 위한 큐 사용 방법 (queues for communication between processes) =="),
                run.headings().toString());
        assertEquals(List.of("empty: true, full: false, qsize: 0"), run.block("4.1"));
        assertEquals(List.of("1", "2", "3"), run.block("4.2"), "the order they were put in");
        assertEquals(List.of("1", "2", "3"), run.block("4.3"), "printed by the removing process, in the inserting process's order");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Where.class)
    void section5TerminateCloseAndExceptions(Where where) throws Exception {
        Run run = tour(where);
        assertTrue(run.headings().contains("== 5. 예외 처리와 프로세스 종료 방법 (exceptions and terminating processes) =="),
                run.headings().toString());
        List<String> loop = run.block("5.1");
        assertTrue(loop.size() >= 3, "it looped a while: " + loop);
        assertEquals(List.of("Looping"), loop.subList(0, loop.size() - 1).stream().distinct().toList());
        assertEquals("Process terminated", loop.getLast());
        assertEquals(List.of("[1, 4, 9, 16, 25]", "Pool closed"), run.block("5.2"));
        assertEquals(List.of("Cannot divide by zero", "Cannot divide by zero", "Cannot divide by zero",
                "Cannot divide by zero", "Cannot divide by zero", "[null, null, null, null, null]", "Pool closed"), run.block("5.3"));
    }

    @Test
    void theClusterTourSaysWhereItRunsAndLeavesNoAgentNorWorkerRunning() throws Exception {
        Run run = tour(Where.CLUSTER);
        String first = run.output().lines().findFirst().orElse("");
        assertTrue(first.startsWith("The tour runs on a cluster of 2 agents on 127.0.0.1"), first);
        assertFalse(CLUSTER_JVMS.isEmpty(), "the cluster's tour ran its agents as child JVMs");
        List<String> left = CLUSTER_JVMS.stream().filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + ": " + p.info().commandLine().orElse("?")).toList();
        assertEquals(List.of(), left, "agent and worker JVMs still running after the tour");
    }
}
