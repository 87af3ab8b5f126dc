package io.github.multiprocessing4j.examples;

import io.github.multiprocessing4j.testing.Capture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the whole tour once, as {@code ./mp4j tour} does, and checks its output block by block
 * against what the seed promises.
 *
 * <p>Each section's test reads {@link #block(String)}: the lines a block printed after its
 * {@code -- block <id>:} marker, up to the next marker or section heading.
 */
class TourTest {

    private static final Map<String, List<String>> BLOCKS = new LinkedHashMap<>();
    private static final List<String> HEADINGS = new ArrayList<>();
    private static String output;

    @BeforeAll
    static void runTheTour() throws Exception {
        try (Capture capture = new Capture()) {
            Tour.main(new String[0]);
            output = capture.out();
            assertEquals("", capture.err(), "the tour writes nothing to stderr");
        }
        String current = null;
        for (String line : output.lines().toList()) {
            if (line.startsWith("== ")) {
                HEADINGS.add(line);
                current = null;
            } else if (line.startsWith("-- block ")) {
                current = line.substring("-- block ".length(), line.indexOf(':'));
                BLOCKS.put(current, new ArrayList<>());
            } else if (current != null && !line.isEmpty()) {
                BLOCKS.get(current).add(line);
            }
        }
    }

    /** @return the lines block {@code id} (such as "1.2") printed */
    static List<String> block(String id) {
        List<String> lines = BLOCKS.get(id);
        assertTrue(lines != null, "the tour has no block " + id + "; its output was:\n" + output);
        return lines;
    }

    @Test
    void everySectionRunsInTheSeedsOrder() {
        List<Integer> numbers = HEADINGS.stream().map(h -> Integer.parseInt(h.substring(3, h.indexOf('.')))).toList();
        assertEquals(Tour.SECTIONS.stream().map(Tour.Section::number).toList(), numbers);
        assertEquals(numbers.stream().sorted().toList(), numbers);
    }

    @Test
    void section1ProcessesStartAndJoin() {
        assertTrue(HEADINGS.contains("== 1. 프로세스 생성과 실행 방법 (creating and running processes) =="), HEADINGS.toString());
        assertEquals(1, block("1.1").size());
        assertTrue(block("1.1").getFirst().matches("created Process-\\d+, alive: false"), block("1.1").toString());
        assertEquals(List.of("100", "Main process"), block("1.2").stream().sorted().toList(), "either order");
        assertEquals(List.of("100", "Main process"), block("1.3"), "join() first: always this order");
        List<String> four = block("1.4");
        assertEquals(5, four.size(), four.toString());
        assertEquals(List.of("1", "16", "4", "9"), four.subList(0, 4).stream().sorted().toList(), "the squares, in any order");
        assertEquals("Main process", four.get(4));
    }

    @Test
    void section2SharedMemoryUnderALock() {
        assertTrue(HEADINGS.contains("== 2. 프로세스 통신과 동기화 방법 (communication and synchronization between processes) =="),
                HEADINGS.toString());
        assertEquals(List.of("shared_value = Value('i', 0)"), block("2.1"));
        assertEquals(List.of("shared_array = Array('i', [1, 2, 3, 4])"), block("2.2"));
        assertEquals(List.of("lock = Lock(owner=None)"), block("2.3"));
        assertEquals(List.of("4", "[5, 6, 7, 8]"), block("2.4"), "four increments under the lock, none lost");
    }

    @Test
    void section3PoolsAndMap() {
        assertTrue(HEADINGS.contains("== 3. 병렬 실행을 위한 풀과 맵 사용 방법 (pools and map for parallel execution) =="), HEADINGS.toString());
        assertEquals(List.of("<Pool state=RUNNING pool_size=4>"), block("3.1"));
        assertEquals(List.of("[1, 4, 9, 16, 25]"), block("3.2"));
        assertEquals(List.of("100"), block("3.3"));
        for (String id : List.of("3.4", "3.5")) {
            List<String> lines = block(id);
            assertEquals(3, lines.size(), lines.toString());
            assertTrue(List.of("false", "true").contains(lines.get(0)), "ready() at once: false, or already true: " + lines);
            assertEquals("true", lines.get(1));
        }
        assertEquals("[1, 4, 9, 16, 25]", block("3.4").get(2));
        assertEquals("100", block("3.5").get(2));
        assertEquals(List.of("[1, 8, 27, 64, 125]"), block("3.6"), "the callback gets the whole list, once");
    }

    @Test
    void section4QueuesAreFirstInFirstOutWithinAndBetweenProcesses() {
        assertTrue(HEADINGS.contains("== 4. 프로세스간 통신을 위한 큐 사용 방법 (queues for communication between processes) =="),
                HEADINGS.toString());
        assertEquals(List.of("empty: true, full: false, qsize: 0"), block("4.1"));
        assertEquals(List.of("1", "2", "3"), block("4.2"), "the order they were put in");
        assertEquals(List.of("1", "2", "3"), block("4.3"), "printed by the removing process, in the inserting process's order");
    }

    @Test
    void section5TerminateCloseAndExceptions() {
        assertTrue(HEADINGS.contains("== 5. 예외 처리와 프로세스 종료 방법 (exceptions and terminating processes) =="), HEADINGS.toString());
        List<String> loop = block("5.1");
        assertTrue(loop.size() >= 3, "it looped a while: " + loop);
        assertEquals(List.of("Looping"), loop.subList(0, loop.size() - 1).stream().distinct().toList());
        assertEquals("Process terminated", loop.getLast());
        assertEquals(List.of("[1, 4, 9, 16, 25]", "Pool closed"), block("5.2"));
        assertEquals(List.of("Cannot divide by zero", "Cannot divide by zero", "Cannot divide by zero",
                "Cannot divide by zero", "Cannot divide by zero", "[null, null, null, null, null]", "Pool closed"), block("5.3"));
    }
}
