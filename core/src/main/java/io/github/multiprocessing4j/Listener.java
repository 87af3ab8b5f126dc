package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.ipc.AuthKeys;
import io.github.multiprocessing4j.internal.runtime.RunDirectory;
import io.github.multiprocessing4j.internal.shm.Futex;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Accepts {@link Connection}s over TCP or a Unix domain socket, from processes that need not be
 * related: Python's {@code multiprocessing.connection.Listener}. Its counterpart is
 * {@link Client#connect}.
 *
 * <pre>{@code
 * try (Listener listener = new Listener()) {          // 127.0.0.1, a free port, the run's key
 *     SocketAddress address = listener.address();
 *     Process p = new Process(() -> {
 *         try (Connection c = Client.connect(address)) {
 *             c.send("hello");
 *         }
 *     });
 *     p.start();
 *     try (Connection c = listener.accept()) {
 *         System.out.println((String) c.recv());      // hello
 *     }
 *     p.join();
 * }
 * }</pre>
 *
 * <h2>Authentication</h2>
 * Every accepted connection goes through an HMAC-SHA256 challenge in both directions on an
 * authentication key, which never travels; a peer with another key fails with
 * {@link AuthenticationException}. The handshake is CPython's (3.12+), so a Python
 * {@code Client} with the same key can connect. Without a key, the run's key is used: the root
 * JVM and all the processes it started share it, and no one else can read it.
 *
 * <h2>Addresses</h2>
 * An {@link InetSocketAddress} listens on TCP (the default is the loopback interface; listening
 * on another interface must be asked for by address), a {@link UnixDomainSocketAddress} on a
 * Unix socket, whose file is removed by {@link #close()} and which only this user may connect to
 * (mode 0600). An address in use fails with {@link UncheckedIOException}.
 *
 * <h2>Clients that misbehave</h2>
 * Each client's handshake runs on a thread of its own, bounded by a deadline (30 s), so a client
 * that connects and says nothing, or announces a message longer than a handshake's (256 bytes),
 * never holds up another client's {@code accept}: the first client to finish its handshake is the
 * one accepted. A failed handshake is reported by the next {@code accept} call, as Python reports
 * it, with {@link AuthenticationException}; {@link #close()} ends the handshakes under way.
 */
public final class Listener implements AutoCloseable {

    private final ServerSocketChannel server;
    private final Selector selector;
    private final SocketAddress address;
    private final byte[] authKey;
    private volatile SocketAddress lastAccepted;
    private volatile boolean closed;
    /** What the connections accepted from now on accept in {@code recv()} besides the library's checks, or null. */
    private volatile java.io.ObjectInputFilter serialFilter;
    /** Handshakes that ended: an {@link Accepted} or the exception that ended one. */
    private final java.util.concurrent.BlockingQueue<Object> handshaken = new java.util.concurrent.LinkedBlockingQueue<>();
    /** Channels whose handshake is under way, closed by {@link #close()}. */
    private final java.util.Set<SocketChannel> handshaking = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** A client that went through the handshake. */
    private record Accepted(Connection connection, SocketAddress remote) {
    }

    /** Listens on TCP on 127.0.0.1, on a free port, with the run's authentication key. */
    public Listener() {
        this(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    /**
     * Listens on {@code address} with the run's authentication key.
     *
     * @param address an {@link InetSocketAddress} (port 0: a free one) or a {@link UnixDomainSocketAddress}
     */
    public Listener(SocketAddress address) {
        this(address, AuthKeys.runKey());
    }

    /**
     * Listens on {@code address} with the given authentication key.
     *
     * @param address an {@link InetSocketAddress} (port 0: a free one) or a {@link UnixDomainSocketAddress}
     * @param authKey the key clients must know (an empty key is allowed, and is a key)
     * @throws UncheckedIOException when the address cannot be bound (in use, for instance)
     */
    public Listener(SocketAddress address, byte[] authKey) {
        Objects.requireNonNull(address, "address");
        this.authKey = Objects.requireNonNull(authKey, "authKey").clone();
        ServerSocketChannel channel = null;
        try {
            if (address instanceof UnixDomainSocketAddress) {
                channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            } else if (address instanceof InetSocketAddress) {
                channel = ServerSocketChannel.open();
            } else {
                throw new IllegalArgumentException("cannot listen on a " + address.getClass().getName()
                        + ": give an InetSocketAddress (TCP) or a UnixDomainSocketAddress");
            }
            channel.bind(address, 16);
            if (address instanceof UnixDomainSocketAddress unix) {
                RunDirectory.makePrivate(unix.getPath()); // only this user may connect
            }
            channel.configureBlocking(false);
            this.selector = Selector.open();
            channel.register(selector, SelectionKey.OP_ACCEPT);
            this.server = channel;
            this.address = channel.getLocalAddress();
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
    }

    /**
     * A listener on a new Unix domain socket in the run directory (which only this user can
     * enter), with the run's authentication key.
     *
     * @return the listener
     */
    public static Listener unix() {
        String name = "l-" + UUID.randomUUID().toString().substring(0, 8) + ".sock";
        return new Listener(UnixDomainSocketAddress.of(RunDirectory.get().dir().resolve(name)));
    }

    /**
     * Waits for a client and authenticates it.
     *
     * @return the connection
     * @throws AuthenticationException when the client does not know the key
     * @throws IllegalStateException   when the listener is closed
     */
    public Connection accept() {
        return accept(null).orElseThrow();
    }

    /**
     * Waits at most {@code timeout} for a client, then authenticates it.
     *
     * @param timeout how long to wait for a client; zero or negative: do not wait
     * @return the connection, or empty when no client came in time
     * @throws AuthenticationException when the client does not know the key
     * @throws IllegalStateException   when the listener is closed
     */
    public Optional<Connection> accept(Duration timeout) {
        long deadline = Futex.deadline(timeout);
        try {
            while (true) {
                Object done = handshaken.poll();
                if (done != null) {
                    return Optional.of(delivered(done));
                }
                long left = Futex.remaining(deadline);
                synchronized (selector) {
                    for (SocketChannel channel; (channel = acceptNow()) != null; ) {
                        handshake(channel);
                    }
                    if (!handshaken.isEmpty()) {
                        continue;
                    }
                    if (left <= 0) {
                        return Optional.empty();
                    }
                    // woken by a new client, by a handshake that ended, or by close()
                    selector.select(Math.clamp(left / 1_000_000, 1, 1000));
                    selector.selectedKeys().clear();
                }
                if (Thread.interrupted()) {
                    throw ProcessException.interrupted("accepting on " + address, new InterruptedException());
                }
            }
        } catch (ClosedChannelException | java.nio.channels.ClosedSelectorException e) {
            throw new IllegalStateException("the listener on " + address + " is closed", e);
        } catch (IOException e) {
            throw new UncheckedIOException("accepting on " + address + ": " + e.getMessage(), e);
        }
    }

    /** Runs a new client's handshake on a virtual thread of its own; its end wakes {@code accept}. */
    private void handshake(SocketChannel channel) {
        handshaking.add(channel);
        Thread.ofVirtual().name("mp4j-handshake").start(() -> {
            Object outcome;
            try {
                SocketAddress remote = channel.getRemoteAddress();
                outcome = new Accepted(Sockets.accepted(channel, authKey, System.nanoTime() + Sockets.HANDSHAKE_NANOS), remote);
            } catch (IOException e) {
                outcome = new UncheckedIOException("accepting on " + address + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                outcome = e;
            } finally {
                handshaking.remove(channel);
            }
            if (closed) {
                if (outcome instanceof Accepted a) {
                    a.connection().close();
                }
                return;
            }
            handshaken.add(outcome);
            if (closed && handshaken.remove(outcome) && outcome instanceof Accepted a) {
                a.connection().close(); // close() ran meanwhile
            }
            selector.wakeup();
        });
    }

    private Connection delivered(Object done) {
        if (done instanceof Accepted accepted) {
            lastAccepted = accepted.remote();
            if (accepted.connection() instanceof MessageConnection c) {
                c.serialFilter(serialFilter);
            }
            return accepted.connection();
        }
        RuntimeException failure = (RuntimeException) done;
        failure.setStackTrace(new Throwable().getStackTrace()); // where the caller is, not the handshake's thread
        throw failure;
    }

    private SocketChannel acceptNow() throws IOException {
        if (closed) {
            throw new IllegalStateException("the listener on " + address + " is closed");
        }
        return server.accept();
    }

    /**
     * Restricts what the connections this listener accepts from now on take from {@code recv()}:
     * besides the library's own checks, {@code filter} must accept every class of a received
     * object (an allow-list such as {@code ObjectInputFilter.Config.createFilter("com.example.model.*;java.base/*;!*")}).
     * A client that passed the authentication key is trusted to run code in this JVM, as in
     * Python, unless such a filter narrows what it can send: turn one on for a listener reachable
     * beyond this machine. {@code recvBytes} is not affected. (The system property
     * {@code mp4j.serialFilter} does the same for every connection, queue and pipe of a JVM.)
     *
     * <pre>{@code
     * Listener listener = new Listener(address, key)
     *         .setSerialFilter(ObjectInputFilter.Config.createFilter("java.base/*;!*"));
     * }</pre>
     *
     * @param filter the filter, or null for the library's checks alone
     * @return this listener
     */
    public Listener setSerialFilter(java.io.ObjectInputFilter filter) {
        this.serialFilter = filter;
        return this;
    }

    /** {@return the address clients connect to (for TCP port 0, with the port chosen)} */
    public SocketAddress address() {
        return address;
    }

    /** {@return the address of the last client accepted, or {@code null} before the first} */
    public SocketAddress lastAccepted() {
        return lastAccepted;
    }

    /** Stops listening (removing a Unix socket's file). Closing twice is harmless. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(server);
        handshaking.forEach(Listener::closeQuietly);
        for (Object done; (done = handshaken.poll()) != null; ) {
            if (done instanceof Accepted a) {
                a.connection().close();
            }
        }
        selector.wakeup();
        synchronized (selector) {
            closeQuietly(selector);
        }
        if (address instanceof UnixDomainSocketAddress unix) {
            try {
                Files.deleteIfExists(unix.getPath());
            } catch (IOException ignored) {
                // the run directory is removed at exit anyway
            }
        }
    }

    @Override
    public String toString() {
        return "Listener[" + address + (closed ? ", closed" : "") + "]";
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing
            }
        }
    }
}
