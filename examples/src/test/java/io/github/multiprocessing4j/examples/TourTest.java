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
}
