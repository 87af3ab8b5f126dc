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
    /** The longest message a Java array can hold. */
    static final long MAX_MESSAGE = Integer.MAX_VALUE - 8;
    /**
     * A message longer than the reader accepts is skipped, keeping the stream usable, when it is at
     * most this long; a longer one closes the connection instead (skipping gigabytes a peer
     * announced would let it hold the reader for as long as it likes).
     */
    static final long MAX_SKIP = 1 << 20;
    /** What a long message's array starts at; it grows as its bytes arrive, never ahead of them. */
    private static final int FIRST_CHUNK = 1 << 20;

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
    /** When the thread reading the current message was interrupted, or 0; guarded by readLock. */
    private long interruptedAt;
    /** How long the rest of a message may take to come after the reader is interrupted. */
    static final long INTERRUPT_GRACE_NANOS = 2_000_000_000L;

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
        return readMessage(maxLength, Futex.FOREVER);
    }

    /**
     * Reads one message; what the peer announces is checked before it is trusted: a negative
     * length or one above {@link #MAX_MESSAGE} closes the connection; one above {@code maxLength}
     * is skipped when short, else closes it; the message's array grows as its bytes arrive. Every
     * wait ends at the deadline, an interrupt or a {@code close()}; one inside a message closes
     * the connection, whose stream has then lost its place.
     */
    @Override
    protected byte[] readMessage(long maxLength, long deadline) throws IOException {
        synchronized (readLock) {
            try {
                return readOne(maxLength, deadline);
            } finally {
                if (interruptedAt != 0) {
                    interruptedAt = 0;
                    Thread.currentThread().interrupt(); // kept for after the message
                }
            }
        }
    }

    /** One message, the read lock held (see {@link #readMessage(long, long)}). */
    private byte[] readOne(long maxLength, long deadline) throws IOException {
        if (!fill(4, true, deadline)) {
            return null;
        }
        long length = in.getInt();
        if (length == -1) {
            fill(8, false, deadline);
            length = in.getLong();
        }
        if (length < 0 || length > MAX_MESSAGE) {
            close();
            throw new IOException(length < 0 ? "corrupt stream: negative message length " + length
                    : "a message of " + length + " bytes announced by the peer is longer than the longest one this side"
                    + " can receive, " + MAX_MESSAGE + " bytes (a Java array's limit); the connection is closed");
        }
        if (length > maxLength) {
            if (length - in.remaining() > MAX_SKIP) {
                close();
                throw new IOException(badLength(length, maxLength).getMessage() + "; the connection is closed");
            }
            skip(length, deadline);
            throw badLength(length, maxLength);
        }
        byte[] message = new byte[(int) Math.min(length, FIRST_CHUNK)];
        int done = 0;
        while (done < length) {
            if (!in.hasRemaining()) {
                fill(1, false, deadline);
            }
            if (done == message.length) {
                message = java.util.Arrays.copyOf(message, (int) Math.min(length, 2L * message.length));
            }
            int n = Math.min(in.remaining(), message.length - done);
            in.get(message, done, n);
            done += n;
        }
        return message;
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
     * Makes at least {@code n} bytes available, waiting until the deadline.
     *
     * <p>Between messages an interrupt ends the wait at once. Inside a message (its header read)
     * the rest gets {@link #INTERRUPT_GRACE_NANOS} to come: then the stream keeps its place and
     * the interrupt is kept for after the message; otherwise the connection is closed, its stream
     * having lost its place, and the interrupt ends the receive. A deadline reached inside a
     * message closes it too.
     *
     * @param atBoundary whether no part of a message has been consumed yet (reading a header):
     *                   then a clean end of stream returns false
     * @throws java.io.InterruptedIOException when interrupted (see above)
     * @throws java.net.SocketTimeoutException at the deadline
     */
    private boolean fill(int n, boolean atBoundary, long deadline) throws IOException {
        while (in.remaining() < n) {
            int read = readSome();
            if (read < 0) {
                if (atBoundary && !in.hasRemaining()) {
                    return false;
                }
                throw new EOFException("the peer closed " + description + " in the middle of a message");
            }
            if (read > 0) {
                continue;
            }
            boolean inMessage = !atBoundary || in.hasRemaining();
            long left = Futex.remaining(deadline);
            if (interruptedAt != 0) {
                left = Math.min(left, interruptedAt + INTERRUPT_GRACE_NANOS - System.nanoTime());
            }
            try {
                if (left <= 0) {
                    throw interruptedAt != 0
                            ? new java.io.InterruptedIOException("interrupted while receiving a message on " + description
                                    + ", whose rest did not come; the connection is closed")
                            : new java.net.SocketTimeoutException("no complete message on " + description + " in time");
                }
                await(readSelector, Math.clamp(left / 1_000_000, 1, 1000), true);
            } catch (java.io.InterruptedIOException e) {
                if (inMessage && interruptedAt == 0 && Thread.interrupted()) {
                    interruptedAt = System.nanoTime(); // wait a little for the rest, the flag kept for after
                    continue;
                }
                if (inMessage) {
                    close();
                }
                throw e;
            } catch (IOException e) {
                if (inMessage) {
                    close(); // part of a message is consumed: the stream cannot be read on
                }
                throw e;
            }
        }
        return true;
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

    private void skip(long length, long deadline) throws IOException {
        long left = length;
        while (left > 0) {
            if (!in.hasRemaining()) {
                fill(1, false, deadline);
            }
            int n = (int) Math.min(in.remaining(), left);
            in.position(in.position() + n);
            left -= n;
        }
    }
}
