package io.github.multiprocessing4j.internal.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * A blocking, framed view of a socket channel. One thread may {@link #receive} while others
 * {@link #send}: reads and writes are locked apart.
 */
public final class FrameChannel implements AutoCloseable {

    private final SocketChannel channel;
    private final ByteBuffer header = ByteBuffer.allocate(5);
    private final Object writeLock = new Object();

    public FrameChannel(SocketChannel channel) {
        this.channel = channel;
    }

    /** Connects to the Unix domain socket at {@code path}. */
    public static FrameChannel connect(Path path) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(path));
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new FrameChannel(channel);
    }

    /** Sends one frame; safe to call from several threads. */
    public void send(byte type, byte[] payload) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(5).putInt(payload.length + 1).put(type).flip();
        ByteBuffer body = ByteBuffer.wrap(payload);
        ByteBuffer[] both = {head, body};
        synchronized (writeLock) {
            while (head.hasRemaining() || body.hasRemaining()) {
                channel.write(both);
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
                channel.write(buffers);
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
            if (channel.read(buffer) < 0) {
                if (endAllowed && buffer.position() == 0) {
                    return false;
                }
                throw new EOFException("control channel closed inside a frame");
            }
        }
        return true;
    }

    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing: nothing to do about it
        }
    }
}
