package io.github.multiprocessing4j;


import java.io.IOException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;

/** Socket connections for {@code Listener} and {@code Client}: wrapping and authentication. */
final class Sockets {

    /** How long a peer has to go through the handshake. */
    public static final long HANDSHAKE_NANOS = 30_000_000_000L;

    private Sockets() {
    }

    /**
     * Wraps an accepted channel and runs the listener's side of the handshake: challenge, then
     * answer. The channel is closed when anything fails.
     */
    public static Connection accepted(SocketChannel channel, byte[] key, long deadline) throws IOException {
        return authenticated(channel, "a connection accepted from " + remote(channel), key, deadline, true);
    }

    /** Wraps a connected channel and runs the client's side: answer, then challenge. */
    public static Connection connected(SocketChannel channel, SocketAddress address, byte[] key, long deadline) throws IOException {
        return authenticated(channel, "a connection to " + address, key, deadline, false);
    }

    private static Connection authenticated(SocketChannel channel, String what, byte[] key, long deadline, boolean listener)
            throws IOException {
        SocketConnection connection;
        try {
            connection = new SocketConnection(channel, what);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        try {
            if (listener) {
                Challenge.deliver(connection, key, deadline);
                Challenge.answer(connection, key, deadline);
            } else {
                Challenge.answer(connection, key, deadline);
                Challenge.deliver(connection, key, deadline);
            }
            return connection;
        } catch (java.io.UncheckedIOException e) {
            connection.close();
            throw new AuthenticationException("the authentication handshake on " + what + " failed: " + e.getMessage());
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private static String remote(SocketChannel channel) {
        try {
            SocketAddress remote = channel.getRemoteAddress();
            return remote instanceof UnixDomainSocketAddress ? "a Unix socket peer" : String.valueOf(remote);
        } catch (IOException e) {
            return "a peer";
        }
    }
}
