package io.github.multiprocessing4j;

import io.github.multiprocessing4j.testing.Capture;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console progress bar: what it prints, on a terminal and elsewhere. */
class ConsoleProgressTest {

    private final long[] now = {0};
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private ConsoleProgress bar(boolean terminal) {
        return new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), terminal, () -> now[0]);
    }

    private void at(double seconds, ConsoleProgress bar, long done, long total) {
        now[0] = (long) (seconds * 1e9);
        bar.progress(done, total);
    }

    @Test
    void elsewhereThanATerminalItPrintsAPlainLineAtMostOnceASecondAndAtTheEnd() {
        ConsoleProgress bar = bar(false);
        at(0, bar, 0, 100);
        at(0.5, bar, 10, 100);
        at(1.2, bar, 50, 100);
        at(2.0, bar, 100, 100);
        assertEquals(List.of(
                "[------------------------------] 0/100 (0%), 0 items/s",
                "[###############---------------] 50/100 (50%), 42 items/s, 0:02 left",
                "[##############################] 100/100 (100%), 50 items/s, done in 2.0 s"),
                bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void onATerminalTheLineIsRedrawnInPlaceAndEndsWithANewLine() {
        ConsoleProgress bar = bar(true);
        at(0, bar, 0, 4);
        at(0.5, bar, 2, 4);
        at(1.0, bar, 4, 4);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(3, out.chars().filter(c -> c == '\r').count(), out);
        assertTrue(out.endsWith("4/4 (100%), 4 items/s, done in 1.0 s\n"), out);
    }

    @Test
    void anImapOfUnknownLengthShowsTheCountAndTheRate() {
        assertEquals("12/?, 6 items/s", ConsoleProgress.line(12, -1, 2_000_000_000L));
    }

    @Test
    void aPoolReportsItsMapThroughTheBar() {
        try (Capture io = new Capture()) {
            try (Pool pool = new Pool(PoolOptions.processes(2).progress(ProgressListener.console()))) {
                pool.map(x -> x + 1, IntStream.range(0, 100).boxed().toList(), 10);
            }
            assertTrue(io.err().contains("100/100 (100%)"), io.err());
        }
    }
}
