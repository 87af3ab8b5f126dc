package io.github.multiprocessing4j.internal.shm;

import io.github.multiprocessing4j.internal.runtime.RunDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A shared-memory segment: a file {@code /dev/shm/mp4j-<run id>-<kind>-<pid>.<n>} (mode 0600;
 * a random suffix is added in the rare case that an earlier process of the run had the same pid)
 * mapped read-write into every process that uses it, with the header of
 * {@link SegmentDescriptor} and a body whose layout its kind names.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * // creator: a body of 128 bytes, initialised before any other process can see it
 * Segment s = Segment.create("queue", 128, body -> Words.setInt(body, CAPACITY, 16));
 * String path = s.path();                       // travels to other processes (a descriptor)
 * // another process (or this one): the same memory
 * Segment t = Segment.attach(path, "queue");
 * MemorySegment body = t.body();                // offsets from the kind's descriptor
 * }</pre>
 * Blocking on words of the body goes through {@link Futex}; mutual exclusion through
 * {@link RobustLock}. The body's offsets start at 0 after the header and are 64-byte aligned.
 *
 * <h2>Lifetime</h2>
 * The file is named under the run ({@link RunDirectory}), so the root JVM's exit deletes it, and
 * a root killed with SIGKILL has it swept by the next root that starts. Within a JVM a segment is
 * mapped once (attaching again returns the same object) and stays mapped until the JVM exits or
 * its owner, who knows that nothing of this process uses it any more, {@linkplain #unmap() unmaps}
 * it (a queue's or pipe's last hold: {@code RingHolds}). {@link #unlink()} removes the file early
 * (processes that mapped it keep their mapping); the memory goes back to the system once the file
 * is unlinked and no process maps it.
 */
public final class Segment {

    private static final Map<String, Segment> MAPPED = new ConcurrentHashMap<>();
    private static final AtomicLong COUNTER = new AtomicLong();
    private static final long READY_WAIT_NANOS = 5_000_000_000L;
    /** The arena of {@link #unshared}, while this thread is inside it. */
    private static final ThreadLocal<Arena> UNSHARED = new ThreadLocal<>();
    private static final Set<StandardOpenOption> CREATE =
            EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);

    private final String path;
    private final String kind;
    private final MemorySegment memory;
    private final MemorySegment body;
    /** False for a {@linkplain #createPrivate private} segment: no file. */
    private final boolean shared;
    /** The mapping's arena, closed by {@link #unmap()}; null for a private segment (its caller's). */
    private final Arena arena;

    private Segment(String path, String kind, MemorySegment memory, boolean shared, Arena arena) {
        this.path = path;
        this.shared = shared;
        this.arena = arena;
        this.kind = kind;
        this.memory = memory;
        this.body = memory.asSlice(SegmentDescriptor.HEADER_SIZE);
    }

    /**
     * Creates a segment of this run.
     *
     * @param kind        the layout's name: 1 to 8 characters of [a-z0-9]; also part of the file name
     * @param bodySize    bytes of body, zero-filled before {@code initializer} runs
     * @param initializer writes the body's initial state; runs before any other process can attach
     * @return the mapped segment
     */
    public static Segment create(String kind, long bodySize, Consumer<MemorySegment> initializer) {
        return create(kind, bodySize, null, initializer);
    }

    /**
     * As {@link #create(String, long, Consumer)}, with only some of the body's pages taken from
     * {@code /dev/shm} now: the regions {@code commit} lists as (offset, length) pairs of the
     * body (the rest reads as zeros and takes no memory until {@link #commit} takes it, as a ring
     * does when its records first reach it). Null commits the whole body.
     *
     * @param kind        the layout's name
     * @param bodySize    bytes of body
     * @param commit      (offset, length) pairs of the body to take now, or null for all of it
     * @param initializer writes the body's initial state, in the committed regions only
     * @return the mapped segment
     */
    public static Segment create(String kind, long bodySize, long[] commit, Consumer<MemorySegment> initializer) {
        byte[] kindBytes = SegmentDescriptor.kindBytes(kind);
        if (bodySize < 0) {
            throw new IllegalArgumentException("a segment's body size cannot be negative: " + bodySize);
        }
        Arena unshared = UNSHARED.get();
        if (unshared != null) {
            return createPrivate(kind, bodySize, initializer, unshared);
        }
        long size = SegmentDescriptor.HEADER_SIZE + bodySize;
        String base = "mp4j-" + RunDirectory.get().runId() + "-" + kind + "-" + Liveness.myPid() + "." + COUNTER.incrementAndGet();
        Path file = directory().resolve(base);
        MemorySegment memory = null;
        Arena arena = Arena.ofShared();
        for (int attempt = 0; memory == null; attempt++) {
            try {
                memory = createFile(file, size, arena, commit);
            } catch (FileAlreadyExistsException e) {
                // left by an earlier process of this run that had the same pid
                if (attempt == 10) {
                    throw new UncheckedIOException("cannot find a free name for a shared-memory file like " + file, e);
                }
                file = directory().resolve(base + "-" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36));
            }
        }
        Segment segment = initialize(memory, file.toString(), kind, kindBytes, initializer, true, arena);
        Pollers.announceIfPolling();
        MAPPED.put(segment.path, segment);
        return segment;
    }

    /**
     * A segment that no other process can attach, mapped like a shared one (so that code run on
     * it is compiled for the same memory classes) in {@code arena} (closing it unmaps the
     * segment): for exercising shared-memory code before a run exists, as an idle warm JVM does
     * ({@link #unshared}). Its file, {@code mp4j-<pid>-private-<random>}, is unlinked as soon as
     * it is open, before it is sized and mapped (a JVM killed in those few microseconds leaves it
     * to {@link RunDirectory#sweep}; when it was unlinked after the mapping, warm JVMs terminated
     * in their warm-up left one now and then: three in one day of test runs);
     * {@link #unlink()} does nothing.
     */
    private static Segment createPrivate(String kind, long bodySize, Consumer<MemorySegment> initializer, Arena arena) {
        byte[] kindBytes = SegmentDescriptor.kindBytes(kind);
        Path shm = Path.of("/dev/shm");
        Path dir = Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
        Path file = dir.resolve("mp4j-" + Liveness.myPid() + RunDirectory.PRIVATE_INFIX + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36));
        MemorySegment memory;
        try {
            memory = createFile(file, SegmentDescriptor.HEADER_SIZE + Math.max(0, bodySize), arena, null, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the private segment " + file, e);
        }
        return initialize(memory, "(private " + kind + ")", kind, kindBytes, initializer, false, null);
    }

    /**
     * Runs {@code body} with every segment the calling thread creates meanwhile made
     * {@linkplain #createPrivate private} and mapped in {@code arena}, so that closing the arena
     * frees them all (the objects built on them must not be used afterwards). Through it the
     * public API's own factories ({@code Multiprocessing.value}, {@code lock}, {@code pipe}) make
     * objects no other process can see, for exercising their code in an idle warm JVM. Give a
     * shared arena for segments that several threads use. Other threads' segments are unaffected.
     */
    public static void unshared(Arena arena, Runnable body) {
        Arena outer = UNSHARED.get();
        UNSHARED.set(arena);
        try {
            body.run();
        } finally {
            UNSHARED.set(outer);
        }
    }

    /** @return whether segments the calling thread creates now are private ({@link #unshared}) */
    public static boolean creatingUnshared() {
        return UNSHARED.get() != null;
    }

    /** Writes the header, then the body's initial state, then marks the segment ready. */
    private static Segment initialize(MemorySegment memory, String path, String kind, byte[] kindBytes,
                                      Consumer<MemorySegment> initializer, boolean shared, Arena arena) {
        MemorySegment.copy(kindBytes, 0, memory, ValueLayout.JAVA_BYTE, SegmentDescriptor.KIND_OFFSET, kindBytes.length);
        Words.setLong(memory, SegmentDescriptor.MAGIC_OFFSET, SegmentDescriptor.MAGIC);
        Words.setInt(memory, SegmentDescriptor.VERSION_OFFSET, SegmentDescriptor.LAYOUT_VERSION);
        Words.setInt(memory, SegmentDescriptor.HEADER_SIZE_OFFSET, SegmentDescriptor.HEADER_SIZE);
        Words.setLong(memory, SegmentDescriptor.SIZE_OFFSET, memory.byteSize());
        Words.setInt(memory, SegmentDescriptor.CREATOR_OFFSET, Liveness.myPid());
        Segment segment = new Segment(path, kind, memory, shared, arena);
        initializer.accept(segment.body);
        Words.setIntRelease(memory, SegmentDescriptor.READY_OFFSET, 1);
        return segment;
    }

    /**
     * Maps an existing segment, or returns this JVM's mapping of it.
     *
     * @param path the segment's {@link #path()}
     * @param kind the kind the caller expects
     * @return the segment
     * @throws IllegalStateException when the file is gone (its run ended), is not a segment of
     *                               this library's layout version, or is of another kind
     */
    public static Segment attach(String path, String kind) {
        Segment known = MAPPED.get(path);
        if (known != null) {
            return known.check(kind);
        }
        return MAPPED.computeIfAbsent(path, p -> map(p, kind)).check(kind);
    }

    private static Segment map(String path, String kind) {
        Path file = Path.of(path);
        MemorySegment memory;
        Arena arena;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            if (size < SegmentDescriptor.HEADER_SIZE) {
                throw new IllegalStateException("the shared-memory file " + path + " is too short to be a segment (" + size + " bytes)");
            }
            arena = Arena.ofShared();
            memory = channel.map(FileChannel.MapMode.READ_WRITE, 0, size, arena);
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("the shared-memory segment " + path + " no longer exists: the run that"
                    + " created it has ended (its root JVM exited) or it was unlinked", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map the shared-memory file " + path, e);
        }
        long deadline = System.nanoTime() + READY_WAIT_NANOS;
        while (Words.getIntAcquire(memory, SegmentDescriptor.READY_OFFSET) != 1) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the shared-memory segment " + path + " was never made ready by its creator");
            }
            LockSupport.parkNanos(100_000);
        }
        long magic = Words.getLong(memory, SegmentDescriptor.MAGIC_OFFSET);
        int version = Words.getInt(memory, SegmentDescriptor.VERSION_OFFSET);
        if (magic != SegmentDescriptor.MAGIC) {
            throw new IllegalStateException(path + " is not a multiprocessing4j shared-memory segment");
        }
        if (version != SegmentDescriptor.LAYOUT_VERSION) {
            throw new IllegalStateException("the shared-memory segment " + path + " has layout version " + version
                    + ", this library reads version " + SegmentDescriptor.LAYOUT_VERSION
                    + ": every process of a run must use the same multiprocessing4j version");
        }
        if (Words.getLong(memory, SegmentDescriptor.SIZE_OFFSET) != memory.byteSize()) {
            throw new IllegalStateException("the shared-memory segment " + path + " has the wrong size");
        }
        Pollers.announceIfPolling();
        return new Segment(path, SegmentDescriptor.readKind(memory), memory, true, arena);
    }

    /** Creates, sizes and maps the file; on failure nothing is left behind. */
    private static MemorySegment createFile(Path file, long size, Arena arena, long[] commit) throws FileAlreadyExistsException {
        return createFile(file, size, arena, commit, false);
    }

    /** @param unlinkAtOnce remove the name as soon as the file is open (a private segment: no name needed) */
    private static MemorySegment createFile(Path file, long size, Arena arena, long[] commit, boolean unlinkAtOnce)
            throws FileAlreadyExistsException {
        try (FileChannel channel = FileChannel.open(file, CREATE,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            try {
                if (unlinkAtOnce) {
                    Files.deleteIfExists(file); // the open channel keeps the memory; a death after this leaves nothing
                }
                if (commit == null) {
                    allocate(channel, 0, size);
                } else {
                    channel.write(java.nio.ByteBuffer.allocate(1), size - 1); // the size, sparse
                    allocate(channel, 0, SegmentDescriptor.HEADER_SIZE);
                    for (int i = 0; i < commit.length; i += 2) {
                        allocate(channel, SegmentDescriptor.HEADER_SIZE + commit[i], commit[i + 1]);
                    }
                }
                return channel.map(FileChannel.MapMode.READ_WRITE, 0, size, arena);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(file);
                throw e;
            }
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the shared-memory file " + file + " (" + size
                    + " bytes): is /dev/shm full? (df -h /dev/shm)", e);
        }
    }

    /**
     * Writes zeros over the whole new file, so that tmpfs allocates its pages now: a full
     * {@code /dev/shm} is then an {@link IOException} here, not a fault at the first touch of a
     * page of a sparse mapping later.
     */
    private static void allocate(FileChannel channel, long from, long length) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocateDirect((int) Math.max(1, Math.min(length, 1 << 20)));
        long at = from;
        long end = from + length;
        while (at < end) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), end - at));
            at += channel.write(zeros, at);
        }
    }

    /**
     * Takes {@code length} bytes of the body at {@code bodyOffset} from {@code /dev/shm} (see
     * {@link #create(String, long, long[], Consumer)}), writing zeros there: only for a region
     * that holds nothing yet.
     *
     * @throws UncheckedIOException when {@code /dev/shm} is full
     */
    public void commit(long bodyOffset, long length) {
        if (!shared) {
            return; // a private segment is taken whole at creation (its file is gone at once)
        }
        try (FileChannel channel = FileChannel.open(Path.of(path), java.nio.file.StandardOpenOption.WRITE)) {
            allocate(channel, SegmentDescriptor.HEADER_SIZE + bodyOffset, length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot grow the shared-memory file " + path + " by " + length
                    + " bytes: is /dev/shm full? (df -h /dev/shm)", e);
        }
    }

    private Segment check(String expectedKind) {
        if (!kind.equals(expectedKind)) {
            throw new IllegalStateException("the shared-memory segment " + path + " holds a " + kind + ", not a " + expectedKind);
        }
        return this;
    }

    /** @return where segments live: /dev/shm, or the run directory where there is none */
    private static Path directory() {
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm) ? shm : RunDirectory.get().dir();
    }

    /** @return the file's absolute path: what another process needs to {@link #attach} */
    public String path() {
        return path;
    }

    /** @return the layout's name */
    public String kind() {
        return kind;
    }

    /** @return the body: the memory after the header, offsets from 0 */
    public MemorySegment body() {
        return body;
    }

    /** @return the body's size in bytes */
    public long bodySize() {
        return body.byteSize();
    }

    /**
     * Deletes the file now, before the run ends. Processes that mapped the segment keep using
     * it; no process can attach to it afterwards. Idempotent.
     */
    public void unlink() {
        if (!shared) {
            return;
        }
        try {
            Files.deleteIfExists(Path.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the shared-memory file " + path, e);
        }
    }

    /**
     * Unmaps this process's mapping (the memory goes back to the system once no process maps
     * the file and it is unlinked). Every object of this process built on the segment must be
     * done with it: an access afterwards fails with {@link IllegalStateException}. Idempotent.
     */
    public void unmap() {
        if (arena != null && MAPPED.remove(path, this)) {
            arena.close();
        }
    }

    /**
     * Unmaps the segment at {@code path} if this process maps it, a moment later on the
     * {@link Unmapper}'s thread (a thread of this process may still be inside a futex wait on it,
     * woken by the caller: the unmapper waits for it to leave).
     */
    public static void unmapIfMapped(String path) {
        Segment segment = MAPPED.get(path);
        if (segment != null && segment.arena != null && MAPPED.remove(path, segment)) {
            Unmapper.close(segment.arena);
        }
    }

    @Override
    public String toString() {
        return "Segment[" + kind + " " + path + ", " + body.byteSize() + " bytes]";
    }

}
