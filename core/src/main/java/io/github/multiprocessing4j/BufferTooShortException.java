package io.github.multiprocessing4j;

/**
 * A message did not fit the buffer given to {@link Connection#recvBytesInto(byte[], int)}. The
 * message has been consumed: it is carried here whole, as Python's {@code BufferTooShort}
 * carries it in {@code args[0]}.
 */
public class BufferTooShortException extends ProcessException {
    private static final long serialVersionUID = 1L;

    /** The whole message that did not fit the buffer. */
    private final byte[] message;

    /**
     * Creates the exception, keeping the whole message that did not fit.
     *
     * @param text    what did not fit where
     * @param message the whole message that was received
     */
    public BufferTooShortException(String text, byte[] message) {
        super(text);
        this.message = message;
    }

    /** {@return the whole message that was received (not a copy)} */
    public byte[] message() {
        return message;
    }
}
