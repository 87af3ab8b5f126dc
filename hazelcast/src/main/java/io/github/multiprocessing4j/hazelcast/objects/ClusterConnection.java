package io.github.multiprocessing4j.hazelcast.objects;

import com.hazelcast.collection.IQueue;
import com.hazelcast.map.IMap;
import io.github.multiprocessing4j.BufferTooShortException;
import io.github.multiprocessing4j.Connection;
import io.github.multiprocessing4j.Pipe;
import io.github.multiprocessing4j.hazelcast.internal.ClusterLink;

import java.io.EOFException;
import java.io.IOException;
import java.io.Serial;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * One end of a cluster {@link Pipe}: messages travel through two {@link IQueue}s of
 * {@code byte[]}, one per direction ({@code mp4j.pipe.<uuid>.toLeft} and {@code .toRight}; a
 * one-way pipe uses only {@code toLeft}). An object is sent as its JDK serialization, so
 * {@code recvBytes} of a sent object gives those bytes, as in Python.
 *
 * <h2>End of stream</h2>
 * {@link #close()} marks the end closed in an entry of {@value ClusterObject#SYNC}. The peer's
 * {@code recv} then drains what was sent before and throws {@link UncheckedIOException} around an
 * {@link EOFException}; a {@code send} to a closed end throws {@link UncheckedIOException}
 * ("broken pipe"). A process that dies holding an end does not close it (the cluster cannot
 * tell whether another process holds it too): give {@code poll} a timeout where that matters.
 * Waiting polls ({@link Waiting}).
 */
final class ClusterConnection extends ClusterObject implements Connection {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String inbox;
    private final String outbox;
    private final String peer;
    private final String side;
    private transient volatile boolean closed;

    private ClusterConnection(ClusterLink link, String id, String side, String inbox, String outbox, String peer) {
        super(link, "pipe", id);
        this.side = side;
        this.inbox = inbox;
        this.outbox = outbox;
        this.peer = peer;
    }

    static Pipe pipe(ClusterLink link, boolean duplex) {
        String base = "mp4j.pipe." + UUID.randomUUID();
        String toLeft = base + ".toLeft";
        String toRight = duplex ? base + ".toRight" : null;
        ClusterConnection left = new ClusterConnection(link, base + ".left", "left", toLeft, toRight, base + ".right");
        ClusterConnection right = new ClusterConnection(link, base + ".right", "right", toRight, toLeft, base + ".left");
        IMap<String, long[]> state = left.map(SYNC);
        state.set(left.id, new long[] {0});
        state.set(right.id, new long[] {0});
        return new Pipe(left, right);
    }

    private IMap<String, long[]> state() {
        return map(SYNC);
    }

    private boolean isClosed(String end) {
        long[] s = state().get(end);
        return s != null && s[0] != 0;
    }

    private String describe() {
        return "the " + side + " end of a cluster pipe (" + id + ")";
    }

    @Override
    public void send(Object o) {
        requireWritable();
        push(Codec.encode(o, "an object sent through a pipe"));
    }

    @Override
    public void sendBytes(byte[] b) {
        sendBytes(b, 0, b.length);
    }

    @Override
    public void sendBytes(byte[] b, int offset, int size) {
        Objects.requireNonNull(b, "b");
        if (offset < 0 || size < 0 || offset > b.length - size) {
            throw new IllegalArgumentException("offset " + offset + " and size " + size + " do not fit a buffer of " + b.length + " bytes");
        }
        requireWritable();
        push(Arrays.copyOfRange(b, offset, offset + size));
    }

    private void push(byte[] message) {
        if (isClosed(peer)) {
            throw new UncheckedIOException(new IOException("broken pipe: the receiving end of " + describe() + " is closed"));
        }
        hazelcast().<byte[]>getQueue(outbox).add(message);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T recv() {
        return (T) Codec.decode(recvBytes());
    }

    @Override
    public byte[] recvBytes() {
        requireReadable();
        IQueue<byte[]> queue = hazelcast().getQueue(inbox);
        Object got = Waiting.until("receiving from " + describe(), Waiting.FOREVER, () -> {
            byte[] m = queue.poll();
            if (m != null) {
                return m;
            }
            if (isClosed(peer)) {
                byte[] last = queue.poll(); // sent just before the close
                return last != null ? last : Boolean.FALSE;
            }
            return null;
        });
        if (got instanceof byte[] message) {
            return message;
        }
        throw new UncheckedIOException(new EOFException("end of stream: the other end of " + describe() + " was closed"));
    }

    @Override
    public byte[] recvBytes(int maxLength) {
        if (maxLength < 0) {
            throw new IllegalArgumentException("maxLength is negative: " + maxLength);
        }
        byte[] message = recvBytes();
        if (message.length > maxLength) {
            throw new UncheckedIOException(new IOException("bad message length: " + message.length
                    + " bytes, more than the " + maxLength + " accepted"));
        }
        return message;
    }

    @Override
    public int recvBytesInto(byte[] buffer, int offset) {
        Objects.requireNonNull(buffer, "buffer");
        if (offset < 0 || offset > buffer.length) {
            throw new IllegalArgumentException("offset " + offset + " is outside a buffer of " + buffer.length + " bytes");
        }
        byte[] message = recvBytes();
        if (message.length > buffer.length - offset) {
            throw new BufferTooShortException("a message of " + message.length + " bytes does not fit the "
                    + (buffer.length - offset) + " bytes of the buffer from offset " + offset, message);
        }
        System.arraycopy(message, 0, buffer, offset, message.length);
        return message.length;
    }

    @Override
    public boolean poll() {
        return poll(Duration.ZERO);
    }

    @Override
    public boolean poll(Duration timeout) {
        requireReadable();
        IQueue<byte[]> queue = hazelcast().getQueue(inbox);
        return Waiting.until("polling " + describe(), Waiting.deadline(timeout),
                () -> !queue.isEmpty() || isClosed(peer) ? Boolean.TRUE : null) != null;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            state().set(id, new long[] {1});
        }
    }

    @Override
    public boolean closed() {
        return closed;
    }

    @Override
    public boolean readable() {
        return inbox != null;
    }

    @Override
    public boolean writable() {
        return outbox != null;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException(describe() + " is closed");
        }
    }

    private void requireWritable() {
        requireOpen();
        if (outbox == null) {
            throw new IllegalStateException(describe() + " is receive-only (read-only): the other end of a one-way pipe sends");
        }
    }

    private void requireReadable() {
        requireOpen();
        if (inbox == null) {
            throw new IllegalStateException(describe() + " is send-only (write-only): the other end of a one-way pipe receives");
        }
    }

    @Override
    public String toString() {
        return "Connection[" + describe() + (closed ? ", closed" : "") + "]";
    }
}
