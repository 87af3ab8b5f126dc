package io.github.multiprocessing4j.internal.ipc;

import io.github.multiprocessing4j.internal.shm.Words;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The holder table of a pipe end: counting per process, overflow, and holders found dead. */
class HoldersTest {

    private static final long TABLE = RingDescriptor.READERS;

    @Test
    void holdsAreCountedPerProcessAndReleasedOneByOne() {
        MemorySegment m = Ring.create("a test ring", 4096, 0, 1000).memory();
        assertFalse(Holders.anyHolder(m, TABLE, true));
        assertTrue(Holders.register(m, TABLE));
        assertTrue(Holders.register(m, TABLE), "a second object of the same process: the same slot, counted twice");
        Holders.unregister(m, TABLE, true);
        assertTrue(Holders.anyHolder(m, TABLE, true));
        Holders.unregister(m, TABLE, true);
        assertFalse(Holders.anyHolder(m, TABLE, true));
    }

    @Test
    void aDeadHolderIsClearedAndAFullTableOverflowsToUntracked() throws Exception {
        MemorySegment m = Ring.create("a test ring", 4096, 0, 1000).memory();
        java.lang.Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Words.setInt(m, TABLE + 8 + 8, 1);
        Words.setLong(m, TABLE + 8, gone.pid());
        assertTrue(Holders.anyHolder(m, TABLE, false), "without looking, a registered holder counts");
        assertFalse(Holders.anyHolder(m, TABLE, true), "looking, the dead one is found and cleared");
        assertFalse(Holders.anyHolder(m, TABLE, false));

        long parent = ProcessHandle.current().parent().orElseThrow().pid(); // alive, and not this process
        for (int i = 0; i < 8; i++) {
            Words.setInt(m, TABLE + 8 + 16L * i + 8, 1);
            Words.setLong(m, TABLE + 8 + 16L * i, parent);
        }
        assertFalse(Holders.register(m, TABLE), "a ninth process goes to the untracked count");
        for (int i = 0; i < 8; i++) {
            Words.setLong(m, TABLE + 8 + 16L * i, 0);
        }
        assertTrue(Holders.anyHolder(m, TABLE, true), "an untracked hold can never be found dead");
        Holders.unregister(m, TABLE, false);
        assertFalse(Holders.anyHolder(m, TABLE, true));
    }
}
