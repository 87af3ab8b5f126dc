package io.github.multiprocessing4j.internal.runtime;

import io.github.multiprocessing4j.internal.protocol.Frame;
import io.github.multiprocessing4j.internal.protocol.FrameChannel;
import io.github.multiprocessing4j.internal.protocol.Hello;
import io.github.multiprocessing4j.internal.protocol.Protocol;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One child's control channel as a pair of FIFOs in the run directory (mode 0600 in a 0700
 * directory), the parent's side: made before the child starts, opened by a handshake thread that
 * reads the child's hello from {@code <path>.up}, checks its token, opens {@code <path>.down}
 * and gives the channel to the child; the files are deleted once both ends are open (see {@link
 * FrameChannel} for the child's side, and why FIFOs rather than a socket).
 *
 * <p>Opening a FIFO waits for its other end. A child that dies before opening its ends would
 * leave the handshake thread waiting for ever, so the child's exit {@link #abandon}s the pair:
 * each FIFO is opened for reading and writing (which never waits) and closed, so that the
 * handshake's open returns and its read meets the end of the stream.
 *
 * <p>Made with {@code mkfifo} from the C library; where native access is not enabled for the
 * library, {@link #available()} is false and children connect to the {@link ControlServer}.
 */
final class FifoPair {

    private static final System.Logger LOG = System.getLogger("io.github.multiprocessing4j");
    private static final MethodHandle MKFIFO = mkfifo();
    private static final AtomicLong COUNTER = new AtomicLong();

    private final Path path;
    private final String token;
    private final ChildJvm child;
    private volatile boolean settled;
    private volatile boolean abandoned;

    private FifoPair(Path path, String token, ChildJvm child) {
        this.path = path;
        this.token = token;
        this.child = child;
    }

    private static MethodHandle mkfifo() {
        try {
            if (!FifoPair.class.getModule().isNativeAccessEnabled()) {
                return null;
            }
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find("mkfifo")
                    .map(f -> linker.downcallHandle(f, FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT)))
                    .orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** @return whether FIFOs can be made here */
    static boolean available() {
        return MKFIFO != null;
    }

    /**
     * Makes a new pair in {@code dir}.
     *
     * @return the pair's path, the common prefix of its two files
     * @throws IOException when a FIFO cannot be made
     */
    static Path create(Path dir) throws IOException {
        Path path = dir.resolve("c" + COUNTER.incrementAndGet() + "-" + ProcessHandle.current().pid());
        make(FrameChannel.up(path));
        try {
            make(FrameChannel.down(path));
        } catch (IOException e) {
            Files.deleteIfExists(FrameChannel.up(path));
            throw e;
        }
        return path;
    }

    private static void make(Path fifo) throws IOException {
        int result;
        try (Arena arena = Arena.ofConfined()) {
            result = (int) MKFIFO.invokeExact(arena.allocateFrom(fifo.toString()), 0600);
        } catch (Throwable t) {
            throw new IOException("mkfifo " + fifo + " failed", t);
        }
        if (result != 0) {
            throw new IOException("mkfifo " + fifo + " failed (is the run directory writable?)");
        }
    }

    /**
     * Starts the handshake of {@code child}, launched with the pair at {@code path} and {@code
     * token} on its standard input; the child's exit abandons the pair.
     */
    static void accept(Path path, String token, ChildJvm child, String name) {
        FifoPair pair = new FifoPair(path, token, child);
        Threads.daemon("mp4j-handshake-" + name, pair::handshake);
        child.exitCode().whenComplete((code, error) -> pair.abandon());
    }

    private void handshake() {
        FileChannel up = null;
        FileChannel down = null;
        try {
            Hello message = null;
            while (message == null) {
                up = FileChannel.open(FrameChannel.up(path), StandardOpenOption.READ); // waits for a writer
                message = hello(new FrameChannel(up, null));
                if (message == null) { // the writers left without the child's hello
                    close(up);
                    if (abandoned) {
                        return;
                    }
                }
            }
            down = FileChannel.open(FrameChannel.down(path), StandardOpenOption.WRITE); // the child waits for this
            deleteFiles();
            FrameChannel channel = new FrameChannel(up, down);
            settled = true;
            ControlServer.admit(channel, message.version(), child);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "a child's handshake failed", e);
        } finally {
            if (!settled) {
                close(up);
                close(down);
                deleteFiles();
            }
        }
    }

    /**
     * @return the child's hello, skipping those with a wrong token (another process of this user
     *         wrote to the FIFO: the child's may follow); null at the end of the stream
     */
    private Hello hello(FrameChannel incoming) throws IOException {
        while (true) {
            Frame frame = incoming.receive();
            if (frame == null || frame.type() != Protocol.HELLO) {
                return null;
            }
            Hello message = Hello.decode(frame.payload());
            if (MessageDigest.isEqual(token.getBytes(), message.token().getBytes()) && message.pid() == child.pid()) {
                return message;
            }
            LOG.log(Level.WARNING, "refused a connection with a wrong token (pid {0})", message.pid());
        }
    }

    /** After the child's exit: ends a handshake still waiting for it, and deletes the files. */
    private void abandon() {
        if (settled) {
            return;
        }
        abandoned = true;
        for (Path fifo : new Path[] {FrameChannel.up(path), FrameChannel.down(path)}) {
            try (FileChannel ignored = FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                // opened and closed: a handshake waiting to open this FIFO's other end goes on
            } catch (IOException gone) {
                // deleted: the handshake is over
            }
        }
        deleteFiles();
    }

    private void deleteFiles() {
        delete(path);
    }

    /** Deletes the pair at {@code path}, if it is still there. */
    static void delete(Path path) {
        try {
            Files.deleteIfExists(FrameChannel.up(path));
            Files.deleteIfExists(FrameChannel.down(path));
        } catch (IOException ignored) {
            // the run directory goes at the end of the run
        }
    }

    private static void close(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }
}
