package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.shm.Futex;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * A connection over a stream socket (TCP or Unix domain), framed as CPython frames it, so that a
 * Java end can talk to a Python end with {@code sendBytes}/{@code recvBytes}: a 4-byte big-endian
 * signed length, or {@code -1} followed by an 8-byte length for a message over 2<sup>31</sup>-1
 * bytes, then the bytes.
 *
 * <p>The channel is non-blocking, with one selector for reading and one for writing, so that
 * {@code poll} can wait with a timeout and one thread can receive while another sends. Reads go
 * through a buffer; a reader thread holds {@code readLock}, a writer {@code writeLock}.
 */
final class SocketConnection extends MessageConnection {

    private static final int BUFFER = 64 * 1024;

    private final SocketChannel channel;
    private final String description;
    private final Selector readSelector;
    private final Selector writeSelector;
    private final Object readLock = new Object();
    private final Object writeLock = new Object();
    /** Bytes read from the socket and not consumed yet, between position and limit; guarded by readLock. */
    private final ByteBuffer in = ByteBuffer.allocate(BUFFER).flip();
    /** Whether the socket reached its end; guarded by readLock. */
    private boolean eof;

    SocketConnection(SocketChannel channel, String description) throws IOException {
        super(true, true);
        this.channel = channel;
        this.description = description;
        channel.configureBlocking(false);
        if (channel.supportedOptions().contains(StandardSocketOptions.TCP_NODELAY)) {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        }
        this.readSelector = Selector.open();
        this.writeSelector = Selector.open();
        channel.register(readSelector, SelectionKey.OP_READ);
        channel.register(writeSelector, SelectionKey.OP_WRITE);
    }

    @Override
    protected void writeMessage(byte[] bytes, int offset, int length) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(4).putInt(length).flip();
        ByteBuffer body = ByteBuffer.wrap(bytes, offset, length);
        ByteBuffer[] both = {head, body};
        synchronized (writeLock) {
            checkOpen();
            boolean interrupted = false;
            try {
                while (body.hasRemaining() || head.hasRemaining()) {
                    if (channel.write(both) == 0) {
                        // half a message would corrupt the stream: an interrupt waits for the end
                        interrupted |= Thread.interrupted();
                        await(writeSelector, 1000, false);
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Override
    protected byte[] readMessage(long maxLength) throws IOException {
        synchronized (readLock) {
            if (!fill(4, true)) {
                return null;
            }
            long length = in.getInt();
            if (length == -1) {
                fill(8, false);
                length = in.getLong();
            }
            if (length < 0) {
                throw new IOException("corrupt stream: negative message length " + length);
            }
            if (length > maxLength) {
                skip(length);
                throw badLength(length, maxLength);
            }
            byte[] message = new byte[(int) length];
            int done = 0;
            while (done < message.length) {
                if (!in.hasRemaining()) {
                    fill(1, false);
                }
                int n = Math.min(in.remaining(), message.length - done);
                in.get(message, done, n);
                done += n;
            }
            return message;
        }
    }

    @Override
    protected boolean awaitReadable(long nanos) throws IOException {
        synchronized (readLock) {
            if (in.hasRemaining() || eof) {
                return true;
            }
            long deadline = Futex.deadline(nanos);
            while (true) {
                if (readSome() != 0) {
                    return true;
                }
                long left = Futex.remaining(deadline);
                if (left <= 0) {
                    return false;
                }
                await(readSelector, Math.clamp(left / 1_000_000, 1, 1000), true);
            }
        }
    }

    @Override
    protected void closeTransport() throws IOException {
        try {
            channel.close();
        } finally {
            readSelector.wakeup();
            writeSelector.wakeup();
            readSelector.close();
            writeSelector.close();
        }
    }

    @Override
    protected String describe() {
        return description;
    }

    /**
     * Makes at least {@code n} bytes available.
     *
     * @param atBoundary whether no part of a message has been consumed yet (reading a header):
     *                   then a clean end of stream returns false, and an interrupt may end the wait
     */
    private boolean fill(int n, boolean atBoundary) throws IOException {
        boolean interrupted = false;
        try {
            while (in.remaining() < n) {
                int read = readSome();
                if (read < 0) {
                    if (atBoundary && !in.hasRemaining()) {
                        return false;
                    }
                    throw new EOFException("the peer closed " + description + " in the middle of a message");
                }
                if (read == 0) {
                    // Between messages an interrupt ends the wait; inside one,
                    // once its header is read, it waits for the rest, or the stream would lose its place.
                    interrupted |= !atBoundary && Thread.interrupted();
                    await(readSelector, 1000, atBoundary);
                }
            }
            return true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Waits until the selector's channel is ready or {@code millis} pass. A close by another
     * thread wakes it and makes it throw {@link IllegalStateException}, as any use of a closed
     * connection does; when {@code interruptible}, an interrupt makes it throw
     * {@link java.io.InterruptedIOException}. A writer waits uninterruptibly (half a message would
     * corrupt the stream) and restores the flag once its message is out.
     */
    private void await(Selector selector, long millis, boolean interruptible) throws IOException {
        try {
            selector.select(millis);
            selector.selectedKeys().clear();
        } catch (ClosedSelectorException e) {
            checkOpen();
            throw e;
        }
        checkOpen();
        if (interruptible && Thread.interrupted()) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting on " + description);
        }
    }

    /** Reads what the socket has; returns the count, or -1 at end of stream. */
    private int readSome() throws IOException {
        if (eof) {
            return -1;
        }
        in.compact();
        int read;
        try {
            read = channel.read(in);
        } finally {
            in.flip();
        }
        if (read < 0) {
            eof = true;
        }
        return read;
    }

    private void skip(long length) throws IOException {
        long left = length;
        while (left > 0) {
            if (!in.hasRemaining()) {
                fill(1, false);
            }
            int n = (int) Math.min(in.remaining(), left);
            in.position(in.position() + n);
            left -= n;
        }
    }
}
