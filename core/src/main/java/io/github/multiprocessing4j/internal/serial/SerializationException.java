package io.github.multiprocessing4j.internal.serial;

/**
 * Bytes that could not be turned back into an object. Where it reaches a user, the public API
 * turns it into a {@code ProcessException} with the same message and cause.
 */
public final class SerializationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SerializationException(String message, Throwable cause) {
        super(message, cause);
    }
}
