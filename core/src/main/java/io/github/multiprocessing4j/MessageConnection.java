package io.github.multiprocessing4j;


import io.github.multiprocessing4j.internal.ipc.Transit;
import io.github.multiprocessing4j.internal.serial.CompactSerializer;
import io.github.multiprocessing4j.internal.shm.Futex;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;

/**
 * What every {@link Connection} does whatever carries its messages: argument checks as Python's,
 * the readable/writable/closed rules, serialization, and end-of-stream reporting. A transport
 * (a socket, a shared-memory ring pair) supplies the four primitives below.
 *
 * <p>State: open ──close()──▶ closed. {@code closed} is volatile; a closed connection refuses
 * every operation but {@code close()} and the state queries.
 */
abstract class MessageConnection implements Connection {

    private final boolean readable;
    private final boolean writable;
    private volatile boolean closed;
    /** What {@code recv()} accepts besides the library's checks, or null (see {@link Listener#setSerialFilter}). */
    private volatile java.io.ObjectInputFilter serialFilter;

    protected MessageConnection(boolean readable, boolean writable) {
        if (!readable && !writable) {
            throw new IllegalArgumentException("a connection must be readable, writable or both");
        }
        this.readable = readable;
        this.writable = writable;
    }

    /** Sends {@code length} bytes of {@code bytes} from {@code offset} as one message. */
    protected abstract void writeMessage(byte[] bytes, int offset, int length) throws IOException;

    /**
     * Receives one message, waiting for it.
     *
     * @param maxLength the longest message accepted; a longer one is consumed and refused
     * @return the message, or {@code null} at the end of stream
     */
    protected abstract byte[] readMessage(long maxLength) throws IOException;

    /**
     * Receives one message, waiting for it until {@code deadline} at most. A transport that
     * cannot stop in the middle of a message waits as {@link #readMessage(long)} does.
     *
     * @param maxLength the longest message accepted
     * @param deadline  when to give up ({@code Futex.deadline})
     * @return the message, or {@code null} at the end of stream
     */
    protected byte[] readMessage(long maxLength, long deadline) throws IOException {
        return readMessage(maxLength);
    }

    /**
     * @param nanos how long to wait; negative: forever
     * @return whether a message or the end of stream can be read without waiting
     */
    protected abstract boolean awaitReadable(long nanos) throws IOException, InterruptedException;

    /** Releases the transport; called once. */
    protected abstract void closeTransport() throws IOException;

    /** @return a short description of the transport, for messages */
    protected abstract String describe();

    @Override
    public final void send(Object o) {
        checkWritable();
        byte[] bytes = Transit.delivering(() -> CompactSerializer.INSTANCE.serialize(o, "an object sent on a connection")); // one recv takes it
        write(bytes, 0, bytes.length);
    }

    @Override
    @SuppressWarnings("unchecked")
    public final <T> T recv() {
        return (T) Received.object(read(Integer.MAX_VALUE), serialFilter);
    }

    @Override
    public final void sendBytes(byte[] b) {
        Objects.requireNonNull(b, "b");
        sendBytes(b, 0, b.length);
    }

    @Override
    public final void sendBytes(byte[] b, int offset, int size) {
        Objects.requireNonNull(b, "b");
        checkWritable();
        if (offset < 0) {
            throw new IllegalArgumentException("offset is negative: " + offset);
        }
        if (b.length < offset) {
            throw new IllegalArgumentException("buffer length < offset: " + b.length + " < " + offset);
        }
        if (size < 0) {
            throw new IllegalArgumentException("size is negative: " + size);
        }
        if ((long) offset + size > b.length) {
            throw new IllegalArgumentException("buffer length < offset + size: " + b.length + " < " + offset + " + " + size);
        }
        write(b, offset, size);
    }

    @Override
    public final byte[] recvBytes() {
        return read(Integer.MAX_VALUE);
    }

    @Override
    public final byte[] recvBytes(int maxLength) {
        if (maxLength < 0) {
            throw new IllegalArgumentException("negative maxLength: " + maxLength);
        }
        return read(maxLength);
    }

    @Override
    public final int recvBytesInto(byte[] buffer, int offset) {
        Objects.requireNonNull(buffer, "buffer");
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset: " + offset);
        }
        if (offset > buffer.length) {
            throw new IllegalArgumentException("offset too large: " + offset + " > buffer length " + buffer.length);
        }
        byte[] message = read(Integer.MAX_VALUE);
        if (message.length > buffer.length - offset) {
            throw new BufferTooShortException("a message of " + message.length + " bytes does not fit the "
                    + (buffer.length - offset) + " bytes left in the buffer from offset " + offset, message);
        }
        System.arraycopy(message, 0, buffer, offset, message.length);
        return message.length;
    }

    @Override
    public final boolean poll() {
        return poll(Duration.ZERO);
    }

    @Override
    public final boolean poll(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        checkReadable();
        long nanos = Futex.saturatedNanos(timeout);
        try {
            return awaitReadable(nanos);
        } catch (InterruptedException e) {
            throw ProcessException.interrupted("polling " + describe(), e);
        } catch (InterruptedIOException e) {
            throw ProcessException.interrupted("polling " + describe(), new InterruptedException(e.getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public final void close() {
        if (closed) {
            return;
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            closeTransport();
        } catch (IOException e) {
            throw new UncheckedIOException("closing " + describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public final boolean closed() {
        return closed;
    }

    @Override
    public final boolean readable() {
        return readable;
    }

    @Override
    public final boolean writable() {
        return writable;
    }

    @Override
    public String toString() {
        return describe() + (closed ? " (closed)" : "") + (readable && writable ? "" : readable ? " (receive only)" : " (send only)");
    }

    private void write(byte[] b, int offset, int size) {
        try {
            writeMessage(b, offset, size);
        } catch (InterruptedIOException e) {
            throw ProcessException.interrupted("sending on " + describe(), new InterruptedException(e.getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(describe() + ": " + e.getMessage(), e);
        }
    }

    /** @param filter what {@code recv()} accepts besides the library's checks, or null */
    final void serialFilter(java.io.ObjectInputFilter filter) {
        this.serialFilter = filter;
    }

    /**
     * {@link #recvBytes(int)} that gives up at {@code deadline}: the authentication handshake's
     * receive, whose every wait is bounded.
     */
    final byte[] recvBytes(int maxLength, long deadline) {
        return read(maxLength, deadline);
    }

    private byte[] read(long maxLength) {
        return read(maxLength, Futex.FOREVER);
    }

    private byte[] read(long maxLength, long deadline) {
        checkReadable();
        byte[] message;
        try {
            message = readMessage(maxLength, deadline);
        } catch (InterruptedIOException e) {
            throw ProcessException.interrupted("receiving on " + describe(), new InterruptedException(e.getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(describe() + ": " + e.getMessage(), e);
        }
        if (message == null) {
            throw endOfStream();
        }
        return message;
    }

    /** @return the end-of-stream error: an {@link UncheckedIOException} around an {@link EOFException} */
    protected final UncheckedIOException endOfStream() {
        return new UncheckedIOException(new EOFException(
                "end of stream: the other end of " + describe() + " was closed and no message is left"));
    }

    /** @return the error for a message longer than the reader accepts */
    protected static IOException badLength(long length, long maxLength) {
        return new IOException("bad message length: " + length + " bytes, more than the " + maxLength + " accepted");
    }

    protected final void checkOpen() {
        if (closed) {
            throw new IllegalStateException(describe() + " is closed");
        }
    }

    private void checkReadable() {
        checkOpen();
        if (!readable) {
            throw new IllegalStateException(describe() + " is send-only (write-only): the other end of a one-way pipe receives");
        }
    }

    private void checkWritable() {
        checkOpen();
        if (!writable) {
            throw new IllegalStateException(describe() + " is receive-only (read-only): the other end of a one-way pipe sends");
        }
    }
}
