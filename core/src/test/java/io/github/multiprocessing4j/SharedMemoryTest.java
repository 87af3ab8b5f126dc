package io.github.multiprocessing4j;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.UncheckedIOException;
import java.lang.foreign.ValueLayout;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link SharedMemory}, after CPython's {@code test_shared_memory_*} cases and its lifetime rules. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SharedMemoryTest {

    @Test
    void aBlockIsZeroFilledAndTheSameBytesInEveryHandle() {
        SharedMemory a = SharedMemory.create(4096);
        try (SharedMemory b = SharedMemory.attach(a.name())) {
            assertEquals(4096, a.size());
            assertEquals(4096, b.size());
            assertEquals(0, a.buf().getLong(8));
            a.buf().put(0, (byte) 'h').put(1, (byte) 'i');
            assertEquals('h', b.buf().get(0));
            b.segment().set(ValueLayout.JAVA_LONG, 8, 42L);
            assertEquals(42L, a.buf().getLong(8));
        } finally {
            a.close();
            a.unlink();
        }
    }

    @Test
    void aChildAttachesToACapturedBlockAndItsWritesAreSeenHere() {
        try (SharedMemory block = SharedMemory.create(64)) {
            try {
                block.buf().putInt(0, 20);
                Process p = new Process(() -> block.buf().putInt(4, block.buf().getInt(0) + 22));
                p.start();
                p.join();
                assertEquals(0, p.exitCode());
                assertEquals(42, block.buf().getInt(4));
                assertTrue(Files.exists(Path.of("/dev/shm", block.name())), "a child's exit removed the block");
            } finally {
                block.unlink();
            }
        }
    }

    @Test
    void aNamedBlockIsCreatedOnceAndItsNameRefusedToASecondCreate() {
        String name = "mp4j-test-" + ProcessHandle.current().pid() + "-named";
        try (SharedMemory block = SharedMemory.create(name, 10)) {
            try {
                assertEquals(name, block.name());
                UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> SharedMemory.create(name, 10));
                assertInstanceOf(FileAlreadyExistsException.class, e.getCause());
                assertTrue(e.getMessage().contains(name), e.getMessage());
            } finally {
                block.unlink();
            }
        }
    }

    @Test
    void attachingToAMissingOrUnlinkedBlockFailsWithNoSuchFile() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> SharedMemory.attach("mp4j-test-no-such-block"));
        assertInstanceOf(NoSuchFileException.class, e.getCause());
        SharedMemory block = SharedMemory.create(16);
        block.unlink();
        assertInstanceOf(NoSuchFileException.class, assertThrows(UncheckedIOException.class, () -> SharedMemory.attach(block.name())).getCause());
        block.buf().put(0, (byte) 7); // unlinked, still mapped here
        assertEquals(7, block.buf().get(0));
        assertInstanceOf(NoSuchFileException.class, assertThrows(UncheckedIOException.class, block::unlink).getCause());
        block.close();
    }

    @Test
    void badSizesAndNamesAreRefusedSayingWhatIsValid() {
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> SharedMemory.create(0));
        assertTrue(size.getMessage().contains("at least 1 byte"), size.getMessage());
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class, () -> SharedMemory.create("a/b", 8));
        assertTrue(name.getMessage().contains("no '/'"), name.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SharedMemory.attach(".."));
    }

    @Test
    void closeIsIdempotentAndAClosedHandleRefusesItsBytes() {
        SharedMemory block = SharedMemory.create(8);
        try {
            block.close();
            block.close();
            assertThrows(IllegalStateException.class, block::segment);
            try (SharedMemory again = SharedMemory.attach(block.name())) {
                assertArrayEquals(new byte[8], again.segment().toArray(ValueLayout.JAVA_BYTE)); // the block lives on
            }
        } finally {
            block.unlink();
        }
        assertFalse(Files.exists(Path.of("/dev/shm", block.name())));
    }
}
