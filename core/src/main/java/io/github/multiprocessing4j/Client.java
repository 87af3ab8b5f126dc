package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.ipc.AuthKeys;
import io.github.multiprocessing4j.internal.shm.Futex;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Objects;

/**
 * Connects to a {@link Listener}: Python's {@code multiprocessing.connection.Client}. The
 * connection is authenticated both ways with an HMAC challenge on the key (see
 * {@link Listener}); a wrong key fails with {@link AuthenticationException}.
 *
 * <pre>{@code
 * try (Connection c = Client.connect(new InetSocketAddress("127.0.0.1", 6000), "secret".getBytes())) {
 *     c.send(List.of("job", 42));
 *     System.out.println((String) c.recv());
 * }
 * }</pre>
 */
public final class Client {

    private Client() {
    }

    /**
     * Connects with the run's authentication key (the one a {@link Listener} made without a key
     * uses).
     *
     * @param address the listener's address
     * @return the authenticated connection
     */
    public static Connection connect(SocketAddress address) {
        return connect(address, AuthKeys.runKey());
    }

    /**
     * Connects with the given authentication key.
     *
     * @param address the listener's address: an {@link InetSocketAddress} or a {@link UnixDomainSocketAddress}
     * @param authKey the key the listener uses
     * @return the authenticated connection
     * @throws AuthenticationException when the listener uses another key
     * @throws UncheckedIOException    when the listener cannot be reached
     */
    public static Connection connect(SocketAddress address, byte[] authKey) {
        return connect(address, authKey, Duration.ofNanos(Sockets.HANDSHAKE_NANOS));
    }

    /**
     * Connects with the given authentication key, giving up after {@code timeout}.
     *
     * @param address the listener's address
     * @param authKey the key the listener uses
     * @param timeout how long connecting and the handshake may take in all
     * @return the authenticated connection
     * @throws AuthenticationException when the listener uses another key or did not answer in time
     * @throws UncheckedIOException    when the listener cannot be reached
     */
    public static Connection connect(SocketAddress address, byte[] authKey, Duration timeout) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(authKey, "authKey");
        long deadline = Futex.deadline(Objects.requireNonNull(timeout, "timeout"));
        SocketChannel channel = null;
        try {
            if (address instanceof UnixDomainSocketAddress) {
                channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                channel.connect(address);
            } else if (address instanceof InetSocketAddress inet) {
                channel = SocketChannel.open();
                int millis = Math.clamp(Futex.remaining(deadline) / 1_000_000, 1, Integer.MAX_VALUE);
                channel.socket().connect(inet, millis);
                channel.socket().setTcpNoDelay(true);
            } else {
                throw new IllegalArgumentException("cannot connect to a " + address.getClass().getName()
                        + ": give an InetSocketAddress (TCP) or a UnixDomainSocketAddress");
            }
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
            throw new UncheckedIOException("cannot connect to " + address + ": " + e.getMessage(), e);
        }
        try {
            return Sockets.connected(channel, address, authKey.clone(), deadline);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + address + ": " + e.getMessage(), e);
        }
    }
}
