package io.github.multiprocessing4j.internal.serial;

import io.github.multiprocessing4j.ProcessException;

/** Bytes that could not be turned back into an object. */
public final class SerializationException extends ProcessException {
    private static final long serialVersionUID = 1L;

    public SerializationException(String message, Throwable cause) {
        super(message, cause);
    }
}
