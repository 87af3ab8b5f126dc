package io.github.multiprocessing4j;

/**
 * The HMAC challenge between a {@link Listener} and a {@link Client} failed: the two sides do
 * not share the same authentication key, or the peer does not speak the protocol. Python's
 * {@code multiprocessing.AuthenticationError}. The connection is closed.
 */
public class AuthenticationException extends ProcessException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     */
    public AuthenticationException(String message) {
        super(message);
    }
}
