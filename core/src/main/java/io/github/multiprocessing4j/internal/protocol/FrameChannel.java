package io.github.multiprocessing4j.internal.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A blocking, framed view of a control channel: a Unix domain socket, or a pair of FIFOs (one
 * each way). One thread may {@link #receive} while others {@link #send}: reads and writes are
 * locked apart.
 *
 * <p>A child JVM reaches its parent by the address it was given ({@link #connect}): a socket's
 * path, or {@value #FIFOS} and the common path of a FIFO pair the parent made for it, {@code
 * <path>.up} (child to parent) and {@code <path>.down} (parent to child). FIFOs, because the
 * JDK's Unix-domain sockets make a {@code SecureRandom} when first used, which loads the security
 * providers: measured in a spawned child with the AOT cache, connecting took 39–67 ms of its
 * 190–220 ms start+join, opening and using a FIFO about 1 ms.
 */
public final class FrameChannel implements AutoCloseable {

    /** The prefix of a FIFO pair's address. */
    public static final String FIFOS = "fifo:";

    private final ReadableByteChannel in;
    private final GatheringByteChannel out;
    private final ByteBuffer header = ByteBuffer.allocate(5);
    private final Object writeLock = new Object();

    public FrameChannel(SocketChannel channel) {
        this(channel, channel);
    }

    /** @param in the channel frames are read from, @param out the one they are written to (may be the same) */
    public FrameChannel(ReadableByteChannel in, GatheringByteChannel out) {
        this.in = in;
        this.out = out;
    }

    /** @return the FIFO that carries frames from the child to the parent, of the pair at {@code path} */
    public static Path up(Path path) {
        return Path.of(path + ".up");
    }

    /** @return the FIFO that carries frames from the parent to the child, of the pair at {@code path} */
    public static Path down(Path path) {
        return Path.of(path + ".down");
    }

    /**
     * Connects to the parent at {@code address} and sends it the first frame: a FIFO pair's
     * reader opens the other end only once it has read that frame (the child's hello), so the
     * frame goes between the two opens.
     */
    public static FrameChannel connect(String address, byte type, byte[] payload) throws IOException {
        if (!address.startsWith(FIFOS)) {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.connect(UnixDomainSocketAddress.of(Path.of(address)));
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            FrameChannel connected = new FrameChannel(channel);
            connected.send(type, payload);
            return connected;
        }
        Path path = Path.of(address.substring(FIFOS.length()));
        FileChannel up = FileChannel.open(up(path), StandardOpenOption.WRITE); // waits for the parent to open it
        FileChannel down = null;
        try {
            new FrameChannel(up, up).send(type, payload);
            down = FileChannel.open(down(path), StandardOpenOption.READ); // waits until the parent accepted the frame
        } catch (IOException e) {
            up.close();
            throw e;
        }
        return new FrameChannel(down, up);
    }

    /** Sends one frame; safe to call from several threads. */
    public void send(byte type, byte[] payload) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(5).putInt(payload.length + 1).put(type).flip();
        ByteBuffer body = ByteBuffer.wrap(payload);
        ByteBuffer[] both = {head, body};
        synchronized (writeLock) {
            while (head.hasRemaining() || body.hasRemaining()) {
                out.write(both);
            }
        }
    }

    /**
     * Sends frames in one write (one wake-up of the reader, where frames sent one by one may
     * wake it for each); safe to call from several threads.
     */
    public void sendAll(java.util.List<Frame> frames) throws IOException {
        ByteBuffer[] buffers = new ByteBuffer[2 * frames.size()];
        for (int i = 0; i < frames.size(); i++) {
            Frame f = frames.get(i);
            buffers[2 * i] = ByteBuffer.allocate(5).putInt(f.payload().length + 1).put(f.type()).flip();
            buffers[2 * i + 1] = ByteBuffer.wrap(f.payload());
        }
        ByteBuffer last = buffers[buffers.length - 1];
        synchronized (writeLock) {
            while (last.hasRemaining() || buffers[buffers.length - 2].hasRemaining()) {
                out.write(buffers);
            }
        }
    }

    /**
     * Receives one frame; one reading thread at a time.
     *
     * @return the frame, or {@code null} at a clean end of stream
     * @throws EOFException when the stream ends inside a frame
     */
    public Frame receive() throws IOException {
        synchronized (header) {
            header.clear();
            if (!fill(header, true)) {
                return null;
            }
            int length = header.getInt(0);
            if (length < 1 || length > Protocol.MAX_FRAME) {
                throw new IOException("corrupt control frame: length " + length);
            }
            ByteBuffer body = ByteBuffer.allocate(length - 1);
            fill(body, false);
            return new Frame(header.get(4), body.array());
        }
    }

    private boolean fill(ByteBuffer buffer, boolean endAllowed) throws IOException {
        while (buffer.hasRemaining()) {
            if (in.read(buffer) < 0) {
                if (endAllowed && buffer.position() == 0) {
                    return false;
                }
                throw new EOFException("control channel closed inside a frame");
            }
        }
        return true;
    }

    public boolean isOpen() {
        return in.isOpen() && out.isOpen();
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing: nothing to do about it
        }
        try {
            out.close();
        } catch (IOException ignored) {
            // closing: nothing to do about it
        }
    }
}
