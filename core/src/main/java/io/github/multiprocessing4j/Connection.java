package io.github.multiprocessing4j;


import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * One end of a message channel between processes: Python's
 * {@code multiprocessing.connection.Connection}. The two ends of a {@link Pipe} are connections,
 * and so is what {@link Listener#accept()} and {@link Client#connect} return.
 *
 * <pre>{@code
 * Pipe pipe = Multiprocessing.pipe();
 * Connection parentEnd = pipe.left(), childEnd = pipe.right();
 * Process echo = new Process(() -> {
 *     Object o;
 *     while ((o = childEnd.recv()) != null) {
 *         childEnd.send(o);
 *     }
 * });
 * echo.start();
 * parentEnd.send(List.of(1, 2.25));
 * System.out.println((Object) parentEnd.recv());   // [1, 2.25]
 * parentEnd.send(null);                             // tells the echo to stop
 * echo.join();
 * }</pre>
 *
 * <h2>Messages</h2>
 * Every {@code send}/{@code sendBytes} is one message, and every {@code recv}/{@code recvBytes}
 * takes exactly one: messages are never merged or split, and an empty message is a message.
 * Lengths are 64-bit on the wire, although one message must fit a Java array to be received.
 * {@code send} serializes the object in the caller's thread (an object that cannot be serialized
 * fails there with {@link IllegalArgumentException}); {@code recv} deserializes it.
 *
 * <h2>End of stream</h2>
 * Once the other end is closed (by {@link #close()}, or because every process holding it has
 * exited or died) and every message sent before has been received, {@code recv} and
 * {@code recvBytes} throw {@link java.io.UncheckedIOException} whose cause is a
 * {@link java.io.EOFException}; {@code poll} returns true then, as in Python, so that the
 * reader learns of it. Sending to an end that no process holds any more throws
 * {@link java.io.UncheckedIOException} ("broken pipe"): at once when its holders closed it; when
 * they died without closing, once the pipe is full (until then the messages wait in it). A connection used after its own
 * {@code close()}, or in a direction it does not have (see {@link Pipe}), throws
 * {@link IllegalStateException}.
 *
 * <h2>Threads and processes</h2>
 * One thread may receive while another sends. The ends of a {@link Pipe} may be captured by a
 * lambda that runs in a child {@link Process}: the child uses the same pipe. Connections made by
 * {@link Listener} and {@link Client} are sockets and stay in the process that made them.
 */
public interface Connection extends AutoCloseable {

    /**
     * Sends an object as one message.
     *
     * @param o the object, which must be serializable ({@code null} is allowed)
     * @throws IllegalArgumentException when {@code o} cannot be serialized; nothing was sent
     * @throws IllegalStateException    when this end is closed or cannot send
     */
    void send(Object o);

    /**
     * Receives the next message, sent with {@link #send}, waiting for it.
     *
     * @param <T> the type the caller expects
     * @return the object
     * @throws java.io.UncheckedIOException with an {@link java.io.EOFException} cause: the other
     *                                      end was closed and nothing is left to receive
     * @throws IllegalStateException        when this end is closed or cannot receive
     */
    <T> T recv();

    /**
     * Sends the whole of {@code b} as one message.
     *
     * @param b the bytes
     */
    void sendBytes(byte[] b);

    /**
     * Sends {@code size} bytes of {@code b} from {@code offset} as one message.
     *
     * @param b      the bytes
     * @param offset where the message starts in {@code b}
     * @param size   its length
     * @throws IllegalArgumentException when {@code offset} or {@code size} is negative, or the
     *                                  range goes past the end of {@code b}
     */
    void sendBytes(byte[] b, int offset, int size);

    /**
     * Sends the bytes of {@code b} from {@code offset} to its end as one message.
     *
     * @param b      the bytes
     * @param offset where the message starts in {@code b}
     * @throws IllegalArgumentException when {@code offset} is negative or past the end of {@code b}
     */
    default void sendBytes(byte[] b, int offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset is negative: " + offset);
        }
        if (offset > b.length) {
            throw new IllegalArgumentException("buffer length < offset: " + b.length + " < " + offset);
        }
        sendBytes(b, offset, b.length - offset);
    }

    /**
     * Receives the next message as bytes, waiting for it.
     *
     * @return the message
     * @throws java.io.UncheckedIOException with an {@link java.io.EOFException} cause at end of stream
     */
    byte[] recvBytes();

    /**
     * Receives the next message as bytes, refusing one longer than {@code maxLength}.
     *
     * @param maxLength the longest message accepted
     * @return the message
     * @throws IllegalArgumentException when {@code maxLength} is negative
     * @throws java.io.UncheckedIOException when the message is longer ("bad message length"); the
     *                                      message is dropped, as Python drops it
     */
    byte[] recvBytes(int maxLength);

    /**
     * Receives the next message into {@code buffer} from {@code offset}.
     *
     * @param buffer where to put the message
     * @param offset where in {@code buffer}
     * @return the message's length
     * @throws IllegalArgumentException when {@code offset} is negative or past the end of {@code buffer}
     * @throws BufferTooShortException  when the message does not fit; it carries the message
     */
    int recvBytesInto(byte[] buffer, int offset);

    /**
     * Receives the next message into {@code buffer}.
     *
     * @param buffer where to put the message
     * @return the message's length
     * @throws BufferTooShortException when the message does not fit; it carries the message
     */
    default int recvBytesInto(byte[] buffer) {
        return recvBytesInto(buffer, 0);
    }

    /** {@return whether a message (or the end of stream) can be received now, without waiting} */
    boolean poll();

    /**
     * Waits at most {@code timeout} for a message (or the end of stream) to be receivable.
     *
     * @param timeout how long to wait; zero or negative: do not wait
     * @return whether {@code recv} would now return without waiting
     * @throws ProcessException when interrupted (the interrupt flag is restored)
     */
    boolean poll(Duration timeout);

    /** Closes this end; the other end then sees the end of stream. Closing twice is harmless. */
    @Override
    void close();

    /** {@return whether {@link #close()} was called on this end} */
    boolean closed();

    /** {@return whether this end can receive (false for the sending end of a one-way pipe)} */
    boolean readable();

    /** {@return whether this end can send (false for the receiving end of a one-way pipe)} */
    boolean writable();

    /**
     * Waits until at least one of {@code connections} can be received from without waiting (a
     * message or the end of stream is there): Python's {@code multiprocessing.connection.wait}.
     *
     * <pre>{@code
     * List<Connection> ready = Connection.await(List.of(a, b), Duration.ofSeconds(5));
     * for (Connection c : ready) {
     *     handle(c.recv());
     * }
     * }</pre>
     *
     * <p>The connections are checked in turn, with waits between checks that grow to at most a
     * millisecond: a connection that becomes ready is seen within about a millisecond.
     *
     * @param connections readable connections, open
     * @param timeout     how long to wait; zero or negative: check once
     * @return the ready connections, in the order given; empty when none became ready in time
     * @throws IllegalStateException when one of them is closed or cannot receive
     * @throws ProcessException      when interrupted (the interrupt flag is restored)
     */
    static List<Connection> await(Collection<? extends Connection> connections, Duration timeout) {
        return ConnectionWait.await(connections, timeout);
    }

    /**
     * Waits, without a time limit, until at least one of {@code connections} is ready.
     *
     * @param connections readable connections, open
     * @return the ready connections, in the order given; never empty
     */
    static List<Connection> await(Collection<? extends Connection> connections) {
        return ConnectionWait.await(connections, null);
    }
}
