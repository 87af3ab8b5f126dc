package io.github.multiprocessing4j.internal.worker;

import io.github.multiprocessing4j.Multiprocessing;
import io.github.multiprocessing4j.Value;
import io.github.multiprocessing4j.internal.runtime.RunDirectory;
import io.github.multiprocessing4j.internal.shm.RobustLock;
import io.github.multiprocessing4j.internal.shm.Segment;
import io.github.multiprocessing4j.internal.shm.SharedHeap;
import io.github.multiprocessing4j.internal.shm.SharedKind;
import io.github.multiprocessing4j.internal.shm.Words;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The warm-up of the shared objects' paths, and the unshared segments it runs on. */
class SharedPathsWarmUpTest {

    @Test
    void theWarmUpRunsToItsEndAndLeavesNoFileBehind() throws IOException {
        List<Path> before = runFiles();
        Set<String> heldBefore = Set.copyOf(RobustLock.heldHere()); // other test classes' locks, in this JVM
        assertTrue(SharedPathsWarmUp.run());
        assertEquals(before, runFiles(), "the warm-up's segments are unlinked as soon as they are mapped");
        List<String> heldAfter = RobustLock.heldHere(); // asking must not fail on the warm-up's unmapped memory
        assertTrue(heldBefore.containsAll(heldAfter), "its locks are held by nobody: " + heldAfter + " (before: " + heldBefore + ")");
    }

    @Test
    void anUnsharedSegmentIsAMappedFileNobodyCanAttachToFreedWithItsArena() throws Exception {
        List<Path> before = runFiles();
        Segment[] made = new Segment[1];
        Value[] value = new Value[1];
        Arena arena = Arena.ofShared();
        Segment.unshared(arena, () -> {
            assertTrue(Segment.creatingUnshared());
            made[0] = Segment.create("test", 64, body -> Words.setLong(body, 0, 42));
            value[0] = Multiprocessing.value('i', 7);
        });
        assertFalse(Segment.creatingUnshared(), "only inside");
        assertEquals(before, runFiles());
        assertEquals(42, Words.getLong(made[0].body(), 0));
        assertTrue(made[0].body().isMapped(), "the same kind of memory as a shared segment's");
        IllegalStateException gone = assertThrows(IllegalStateException.class, () -> Segment.attach(made[0].path(), "test"));
        assertTrue(gone.getMessage().contains("no longer exists"), gone.getMessage());
        Thread other = Thread.ofPlatform().start(() -> value[0].getLock().acquire()); // another thread may use it
        other.join();
        assertFalse(value[0].getLock().acquire(java.time.Duration.ZERO), "held by the other thread");
        // blocks allocated outside are shared as usual: they never land in an unshared segment
        SharedHeap.Block[] inside = new SharedHeap.Block[1];
        Segment.unshared(arena, () -> inside[0] = SharedHeap.allocate(SharedKind.EVENT, 8, m -> { }));
        SharedHeap.Block outside = SharedHeap.allocate(SharedKind.EVENT, 8, m -> { });
        assertNotEquals(inside[0].segment(), outside.segment());
        assertTrue(Files.exists(Path.of(outside.segment().path())));
        arena.close();
        assertFalse(made[0].body().scope().isAlive(), "closing the arena unmaps it");
        assertEquals(0, Words.getLong(outside.memory(), 0));
    }

    /** @return this JVM's files in /dev/shm: its run's, and private segments' (which must not outlive their mapping) */
    private static List<Path> runFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("/dev/shm"))) {
            return files.filter(p -> p.getFileName().toString().startsWith("mp4j-" + RunDirectory.get().runId() + "-")
                    || p.getFileName().toString().startsWith("mp4j-" + ProcessHandle.current().pid() + RunDirectory.PRIVATE_INFIX))
                    .sorted().toList();
        }
    }
}
