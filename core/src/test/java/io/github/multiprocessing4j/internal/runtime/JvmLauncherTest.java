package io.github.multiprocessing4j.internal.runtime;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line of a child JVM: the initial heap is the library's only when the caller leaves it. */
class JvmLauncherTest {

    private static final Path SOCKET = Path.of("/tmp/none.sock");

    @Test
    void aChildStartsWithASmallInitialHeapUnlessItsOptionsSizeTheHeap() {
        List<String> plain = JvmLauncher.command(SOCKET, List.of("-Dx=1"));
        assertTrue(plain.contains(JvmLauncher.INITIAL_HEAP), plain.toString());
        assertTrue(plain.indexOf(JvmLauncher.INITIAL_HEAP) < plain.indexOf("-Dx=1"), "the caller's options come after, and win");
        for (String sizing : List.of("-Xmx16m", "-Xms1g", "-XX:MaxHeapSize=64m", "-XX:MaxRAMPercentage=10")) {
            List<String> own = JvmLauncher.command(SOCKET, List.of(sizing));
            assertFalse(own.contains(JvmLauncher.INITIAL_HEAP), own.toString());
            assertEquals(1, own.stream().filter(sizing::equals).count());
        }
    }
}
