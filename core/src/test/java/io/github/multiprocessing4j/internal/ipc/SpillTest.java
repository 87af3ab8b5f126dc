package io.github.multiprocessing4j.internal.ipc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.ValueLayout;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The feeder's copies of large items: memory of freed copies is kept for the next ones (fresh
 * memory faults in page by page), within bounds, and given back by {@code trim}.
 */
class SpillTest {

    @AfterEach
    void giveBack() {
        Spill.trim();
    }

    private static Item caller(int size, int fill) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) fill);
        return new Item(bytes, null, size, true);
    }

    @Test
    void aFreedLargeCopyIsKeptAndReusedForTheNextOfAboutItsSize() {
        Item first = Spill.copy(caller(1 << 20, 1));
        assertNotNull(first.offHeap(), "a large item is copied off the heap (native access is enabled in tests)");
        long address = first.offHeap().address();
        Spill.free(first);
        assertEquals(1, Spill.kept());

        Item second = Spill.copy(caller((1 << 20) - 100, 2));
        assertEquals(0, Spill.kept(), "the kept block is taken");
        assertEquals(address, second.offHeap().address());
        assertEquals((1 << 20) - 100, second.length());
        byte[] back = second.offHeap().asSlice(0, second.length()).toArray(ValueLayout.JAVA_BYTE);
        assertArrayEquals(caller((1 << 20) - 100, 2).inline(), back, "the copy holds the new item's bytes");
        Spill.free(second);

        Item much = Spill.copy(caller(4 << 20, 3));
        assertEquals(1, Spill.kept(), "a block less than half the item's size is not taken for it");
        Spill.free(much);
        assertEquals(2, Spill.kept());
    }

    @Test
    void atMostKeptBlocksAndKeptBytesAreKeptAndTrimGivesThemBack() {
        Item[] copies = new Item[Spill.KEPT + 3];
        for (int i = 0; i < copies.length; i++) {
            copies[i] = Spill.copy(caller(Spill.LARGE, i));
        }
        for (Item copy : copies) {
            Spill.free(copy);
        }
        assertEquals(Spill.KEPT, Spill.kept(), "the others are freed");
        Spill.trim();
        assertEquals(0, Spill.kept());

        Item huge = Spill.copy(caller((int) Spill.KEPT_BYTES + 1, 4));
        Spill.free(huge);
        assertEquals(0, Spill.kept(), "a copy larger than the bytes kept at most is freed at once");
    }

    @Test
    void smallAndSerializedItemsAreNotCopiedOffTheHeap() {
        Item small = Spill.copy(caller(Spill.LARGE - 1, 5));
        assertNull(small.offHeap());
        assertEquals(Spill.LARGE - 1, small.inline().length);
        Item serialized = new Item(new byte[Spill.LARGE], null, Spill.LARGE, false);
        assertEquals(serialized, Spill.copy(serialized), "serialized bytes are the queue's own: no copy");
    }
}
