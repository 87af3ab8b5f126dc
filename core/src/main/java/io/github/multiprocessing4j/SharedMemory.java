package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.runtime.RunDirectory;
import io.github.multiprocessing4j.internal.shm.Unmapper;

import java.io.IOException;
import java.io.ObjectStreamException;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A block of shared memory that any process can attach to by its name: Python's
 * {@code multiprocessing.shared_memory.SharedMemory}. The bytes are the same in every process
 * that attached, read and written through {@link #segment()} or {@link #buf()}, at memory speed
 * and without any copy; the block is a file in {@code /dev/shm}, so a Python program can attach
 * to it too ({@code SharedMemory(name=…)}).
 *
 * <pre>{@code
 * try (SharedMemory block = SharedMemory.create(1024)) {
 *     block.buf().putLong(0, 42);
 *     Process p = new Process(() -> System.out.println(block.buf().getLong(0)));  // attaches in the child: 42
 *     p.start();
 *     p.join();
 *     block.unlink();                       // the creator removes the name
 * }
 * }</pre>
 *
 * <h2>Lifetime</h2>
 * <ul>
 *   <li>{@link #close()} ends this process's mapping only (idempotent); the block lives on.</li>
 *   <li>{@link #unlink()} removes the name: no process can attach afterwards, and the memory goes
 *       back to the system once every process that mapped it has closed it or exited. The creator
 *       alone need call it.</li>
 *   <li>A process's exit never removes a block another process uses (Python's resource tracker
 *       does, cpython#82300; there is no such tracker here).</li>
 *   <li>A block made by {@link #create(long)}, with a generated name, belongs to the run: if
 *       nobody unlinks it, it is removed when the root JVM of the run exits (or, after a SIGKILL,
 *       by the next root that starts). A block made by {@link #create(String, long)}, with your
 *       name, is yours: it stays in {@code /dev/shm} until it is unlinked, even after every JVM
 *       has exited, as Python's does.</li>
 * </ul>
 * A {@code SharedMemory} is serializable: sent to another process (captured by a lambda, put in
 * a queue) it attaches there by name. Reads and writes are not synchronized: guard them with a
 * {@link Lock} when processes write the same bytes.
 */
public final class SharedMemory implements AutoCloseable, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final Path SHM = Path.of("/dev/shm");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:@+-]{1,200}");
    private static final AtomicLong COUNTER = new AtomicLong();

    /** The block's name in {@code /dev/shm}: all that is serialized (see {@link #writeReplace()}). */
    private final String name;
    private final transient long size;
    private final transient Arena arena;
    private final transient MemorySegment segment;
    private final transient java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private SharedMemory(String name, long size, Arena arena, MemorySegment segment) {
        this.name = name;
        this.size = size;
        this.arena = arena;
        this.segment = segment;
    }

    /**
     * Creates a block of {@code size} zero bytes with a fresh unique name, owned by the run
     * (see the lifetime rules above).
     *
     * @param size the block's size in bytes, at least 1
     * @return the block, mapped in this process
     * @throws IllegalArgumentException when {@code size < 1}
     * @throws UncheckedIOException     when {@code /dev/shm} refuses the file (full, no permission)
     */
    public static SharedMemory create(long size) {
        checkSize(size);
        String base = "mp4j-" + RunDirectory.get().runId() + "-shm-" + ProcessHandle.current().pid() + "." + COUNTER.incrementAndGet();
        return createFile(base, size);
    }

    /**
     * Creates a block of {@code size} zero bytes named {@code name}, owned by you: it stays until
     * {@link #unlink()}, even after every JVM has exited.
     *
     * @param name a name of 1 to 200 characters among letters, digits and {@code _ . : @ + -}
     * @param size the block's size in bytes, at least 1
     * @return the block, mapped in this process
     * @throws IllegalArgumentException when the name or the size is not valid
     * @throws UncheckedIOException     with cause {@link FileAlreadyExistsException} when a block of
     *                                  that name exists (Python's {@code FileExistsError})
     */
    public static SharedMemory create(String name, long size) {
        checkName(name);
        checkSize(size);
        return createFile(name, size);
    }

    /**
     * Attaches to an existing block.
     *
     * @param name the block's {@link #name()}
     * @return the block, mapped in this process, of the size it was created with
     * @throws IllegalArgumentException when the name is not valid
     * @throws UncheckedIOException     with cause {@link NoSuchFileException} when no block has that
     *                                  name (Python's {@code FileNotFoundError})
     */
    public static SharedMemory attach(String name) {
        checkName(name);
        Path file = SHM.resolve(name);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            if (size == 0) {
                throw new IllegalStateException("the shared memory block " + name + " is empty: not a block made by create");
            }
            return map(name, channel, size);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("no shared memory block is named " + name, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot attach to the shared memory block " + name, e);
        }
    }

    private static SharedMemory createFile(String name, long size) {
        Path file = SHM.resolve(name);
        try (FileChannel channel = FileChannel.open(file, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            try {
                channel.truncate(size); // grows: a fresh file's new bytes read as zeros
                if (channel.size() != size) {
                    channel.write(ByteBuffer.allocate(1), size - 1);
                }
                return map(name, channel, size);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(file);
                throw e;
            }
        } catch (FileAlreadyExistsException e) {
            throw new UncheckedIOException("a shared memory block named " + name + " already exists", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the shared memory block " + name + " of " + size + " bytes", e);
        }
    }

    private static SharedMemory map(String name, FileChannel channel, long size) throws IOException {
        Arena arena = Arena.ofShared();
        try {
            return new SharedMemory(name, size, arena, channel.map(FileChannel.MapMode.READ_WRITE, 0, size, arena));
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    private static void checkSize(long size) {
        if (size < 1) {
            throw new IllegalArgumentException("a shared memory block's size must be at least 1 byte, not " + size);
        }
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("a shared memory block's name is 1 to 200 characters among letters, digits"
                    + " and _ . : @ + - (no '/'), not " + (name == null ? "null" : "'" + name + "'"));
        }
    }

    /** {@return the block's name: what another process passes to {@link #attach(String)}} */
    public String name() {
        return name;
    }

    /** {@return the block's size in bytes} */
    public long size() {
        return size;
    }

    /**
     * The block's bytes.
     *
     * @return the mapping in this process, {@link #size()} bytes long
     * @throws IllegalStateException after {@link #close()}
     */
    public MemorySegment segment() {
        if (closed.get()) {
            throw new IllegalStateException("the shared memory block " + name + " was closed in this process");
        }
        return segment;
    }

    /**
     * The block's bytes as a buffer (Python's {@code buf}): a new view each call, position 0,
     * limit {@link #size()}, native byte order; blocks beyond 2 GiB are read through
     * {@link #segment()}.
     *
     * @return a buffer over the block
     * @throws IllegalStateException after {@link #close()}, or when the block is over 2 GiB
     */
    public ByteBuffer buf() {
        if (size > Integer.MAX_VALUE) {
            throw new IllegalStateException("the shared memory block " + name + " holds " + size
                    + " bytes, more than a ByteBuffer can: use segment()");
        }
        return segment().asByteBuffer().order(java.nio.ByteOrder.nativeOrder());
    }

    /**
     * Ends this process's mapping; the block lives on for the others. Idempotent. This object
     * refuses access at once; the memory is unmapped a moment later, on a thread of the library's
     * (unmapping makes the JVM pause every thread briefly: 40-70 µs the caller need not wait for).
     * Buffers and segments taken from it must not be used afterwards (a segment access then
     * throws {@link IllegalStateException}).
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            Unmapper.close(arena); // unmapped a moment later, off this thread (see Unmapper)
        }
    }

    /**
     * Removes the block's name, as Python's {@code unlink()}: no process can attach afterwards;
     * those that did keep their mapping until they close it or exit, and then the memory goes back
     * to the system. Only the name goes: this object stays usable until {@link #close()}.
     *
     * @throws UncheckedIOException with cause {@link NoSuchFileException} when the name was already
     *                              removed (Python's {@code FileNotFoundError})
     */
    public void unlink() {
        try {
            Files.delete(SHM.resolve(name));
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("the shared memory block " + name + " was already unlinked", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unlink the shared memory block " + name, e);
        }
    }

    @Override
    public String toString() {
        return "SharedMemory(name='" + name + "', size=" + size + ")";
    }

    /**
     * Travels as its name.
     *
     * @return the form that travels
     * @throws ObjectStreamException never
     */
    @Serial
    private Object writeReplace() throws ObjectStreamException {
        return new Ref(name);
    }

    /**
     * What travels: the name; the receiving process attaches.
     *
     * @param name the block's name
     */
    private record Ref(String name) implements Serializable {
        /**
         * Attaches to the block in the receiving process.
         *
         * @return the attached block
         * @throws ObjectStreamException never: a missing block fails with {@link java.io.UncheckedIOException}
         */
        @Serial
        private Object readResolve() throws ObjectStreamException {
            return attach(name);
        }
    }
}
