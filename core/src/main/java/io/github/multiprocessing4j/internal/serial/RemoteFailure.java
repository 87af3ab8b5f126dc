package io.github.multiprocessing4j.internal.serial;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * A failure that happened in another JVM, as it travels back: the exception's class name,
 * message and stack trace as text (always readable), and the exception itself serialized
 * when it could be (so the receiver can rebuild the same class, fields and cause chain).
 *
 * It travels in a value block as a record ({@link CompactSerializer}); {@code serialized} is
 * empty when the exception could not be serialized.
 *
 * @param kind       what failed: {@link #TASK}, {@link #RESULT} or {@link #INPUT}
 * @param className  the exception's class
 * @param message    its message, or null
 * @param stackText  its {@code printStackTrace} text
 * @param serialized the exception ({@link CompactSerializer}), or an empty array
 */
public record RemoteFailure(byte kind, String className, String message, String stackText, byte[] serialized)
        implements java.io.Serializable {

    /** The task threw. */
    public static final byte TASK = 0;
    /** The task returned a value that could not be serialized. */
    public static final byte RESULT = 1;
    /** The task, its function or its item could not be deserialized where it was to run. */
    public static final byte INPUT = 2;

    private static final int MAX_TEXT = 64 * 1024;

    /** Captures {@code t}, serializing it when it can be. */
    public static RemoteFailure of(byte kind, Throwable t) {
        StringWriter text = new StringWriter();
        t.printStackTrace(new PrintWriter(text));
        String stack = text.toString();
        if (stack.length() > MAX_TEXT) {
            stack = stack.substring(0, MAX_TEXT) + "\n\t... (cut)";
        }
        byte[] bytes;
        try {
            bytes = CompactSerializer.INSTANCE.serialize(t, "the exception");
        } catch (RuntimeException | StackOverflowError e) {
            bytes = new byte[0];
        }
        return new RemoteFailure(kind, t.getClass().getName(), t.getMessage(), stack, bytes);
    }

    /**
     * @return a fresh copy of the remote exception, or null when it was not serializable there or
     *         cannot be rebuilt here (class missing, a failing {@code readObject})
     */
    public Throwable rebuild() {
        if (serialized.length == 0) {
            return null;
        }
        try {
            return CompactSerializer.INSTANCE.deserialize(serialized) instanceof Throwable t ? t : null;
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }
}
