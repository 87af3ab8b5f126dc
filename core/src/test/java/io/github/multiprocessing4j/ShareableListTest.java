package io.github.multiprocessing4j;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ShareableList}, after CPython's {@code test_shared_memory_ShareableList_*} cases, and its two data-loss bugs fixed. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShareableListTest {

    @Test
    void itemsOfEverySupportedTypeReadBackWithPythonsFormat() {
        try (ShareableList list = ShareableList.create(Arrays.asList(1L, 7, 2.5, true, "howdy", new byte[] {1, 2}, null))) {
            try {
                assertEquals(7, list.size());
                assertEquals(1L, list.get(0));
                assertEquals(7, list.get(1));
                assertEquals(2.5, list.get(2));
                assertEquals(true, list.get(3));
                assertEquals("howdy", list.get(4));
                assertArrayEquals(new byte[] {1, 2}, (byte[]) list.get(5));
                assertNull(list.get(6));
                assertEquals("qqdxxxxxxx?8s8sxxxxxx?x", list.format());
                assertEquals(4, list.indexOf("howdy"));
            } finally {
                list.shm().unlink();
            }
        }
    }

    @Test
    void cpythonsBasicsCaseGivesCpythonsFormatAndErrors() { // test_shared_memory_ShareableList_basics
        try (ShareableList sl = ShareableList.create(Arrays.asList("howdy", "HoWdY".getBytes(), -273.154, 100L, null, true, 42L))) {
            try {
                assertEquals("8s8sdqxxxxxx?xxxxxxxx?q", sl.format());
                assertEquals(7, sl.size());
                assertThrows(IndexOutOfBoundsException.class, () -> sl.get(7));
                assertThrows(IndexOutOfBoundsException.class, () -> sl.set(7, 2L));
                assertEquals(-1, sl.indexOf("100"));
                assertEquals(3, sl.indexOf(100L));
                assertEquals(true, sl.get(5));
                sl.set(4, "some");
                assertEquals("8s8sdq8sxxxxxxx?q", sl.format());
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sl.set(4, "far too many"));
                assertTrue(e.getMessage().contains("slot of 8"), e.getMessage());
                assertEquals("some", sl.get(4));
                sl.set(0, "encodés");                                       // 8 bytes of UTF-8: fits
                assertThrows(IllegalArgumentException.class, () -> sl.set(0, "encodéss")); // 9: does not
                assertEquals("encodés", sl.get(0));
                sl.set(2, 42L);
                assertEquals(2, java.util.Collections.frequency(sl, 42L));
            } finally {
                sl.shm().unlink();
            }
        }
        try (ShareableList empty = ShareableList.create(List.of())) {
            try {
                assertEquals(0, empty.size());
                assertEquals("", empty.format());
                assertEquals(-1, empty.indexOf(null));
            } finally {
                empty.shm().unlink();
            }
        }
    }

    @Test
    void trailingNulBytesAndMultiByteStringsRoundTripExactly() {
        try (ShareableList list = ShareableList.create(Arrays.asList(new byte[] {'a', 0}, "é", "日本語", new byte[] {0, 0, 0}))) {
            try {
                assertArrayEquals(new byte[] {'a', 0}, (byte[]) list.get(0)); // Python gives b'a' (cpython#106939)
                assertEquals("é", list.get(1));
                assertEquals("日本語", list.get(2));                            // 9 bytes of UTF-8: a 16-byte slot
                assertArrayEquals(new byte[] {0, 0, 0}, (byte[]) list.get(3));
                assertEquals("8s8s16s8s", list.format());
                list.set(1, "éé");                                                // 4 bytes: still fits 8
                assertEquals("éé", list.get(1));
            } finally {
                list.shm().unlink();
            }
        }
    }

    @Test
    void aValueLargerThanItsSlotIsRefusedAndTheItemKept() {
        try (ShareableList list = ShareableList.create(List.of("abc", 5L))) {
            try {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> list.set(0, "a string too long"));
                assertTrue(e.getMessage().contains("17 bytes of UTF-8 in a slot of 8"), e.getMessage());
                assertEquals("abc", list.get(0));
                assertThrows(IllegalArgumentException.class, () -> list.set(1, "123456789"));
                assertEquals("q", list.format().substring(2));
                list.set(1, "1234567"); // a number's slot takes 7 bytes of text: Python's rule by size
                assertEquals("1234567", list.get(1));
                IllegalArgumentException type = assertThrows(IllegalArgumentException.class, () -> list.set(0, new Object()));
                assertTrue(type.getMessage().contains("Long, Integer, Double, Boolean, String, byte[] and null"), type.getMessage());
                assertThrows(UnsupportedOperationException.class, () -> list.add("more"));
                assertThrows(IndexOutOfBoundsException.class, () -> list.get(2));
            } finally {
                list.shm().unlink();
            }
        }
    }

    @Test
    void aChildSetsItemsOfACapturedListAndAnotherAttachesByName() {
        try (ShareableList list = ShareableList.create(List.of(0L, "........"))) {
            try {
                Process p = new Process(() -> {
                    list.set(0, 42L);
                    try (ShareableList same = ShareableList.attach(list.shm().name())) {
                        same.set(1, "from child");
                    }
                });
                p.start();
                p.join();
                assertEquals(0, p.exitCode());
                assertEquals(42L, list.get(0));
                assertEquals("from child", list.get(1));
            } finally {
                list.shm().unlink();
            }
        }
    }

    @Test
    void aBlockThatHoldsNoListIsRefused() {
        try (SharedMemory block = SharedMemory.create(64)) {
            try {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ShareableList.attach(block.name()));
                assertTrue(e.getMessage().contains("does not hold a ShareableList"), e.getMessage());
            } finally {
                block.unlink();
            }
        }
    }
}
