package io.github.multiprocessing4j.internal.runtime;

import io.github.multiprocessing4j.internal.protocol.Frame;
import io.github.multiprocessing4j.internal.protocol.FrameChannel;
import io.github.multiprocessing4j.internal.protocol.Hello;
import io.github.multiprocessing4j.internal.protocol.Refused;
import io.github.multiprocessing4j.internal.protocol.Protocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Unix domain socket on which this JVM's children connect back (see {@link Protocol}).
 * One per JVM that launches children, at {@code <run dir>/<pid>.sock}, created on first use and
 * deleted at exit.
 */
final class ControlServer {

    private static final System.Logger LOG = System.getLogger("io.github.multiprocessing4j");
    private static volatile ControlServer instance;

    private final Path path;
    private final ServerSocketChannel server;
    private final Map<String, ChildJvm> expected = new ConcurrentHashMap<>();

    private ControlServer(Path path) throws IOException {
        this.path = path;
        Files.deleteIfExists(path);
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        RunDirectory.makePrivate(path);
        Threads.daemon("mp4j-control-accept", this::acceptLoop);
    }

    static ControlServer get() {
        ControlServer s = instance;
        if (s == null) {
            synchronized (ControlServer.class) {
                s = instance;
                if (s == null) {
                    Path path = RunDirectory.get().dir().resolve(ProcessHandle.current().pid() + ".sock");
                    try {
                        s = new ControlServer(path);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot listen on " + path, e);
                    }
                    ControlServer created = s;
                    Lifecycle.get().onExit(created::close);
                    instance = s;
                }
            }
        }
        return s;
    }

    Path path() {
        return path;
    }

    void expect(String token, ChildJvm child) {
        expected.put(token, child);
    }

    void forget(String token) {
        expected.remove(token);
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel connection = server.accept();
                Threads.daemon("mp4j-handshake", () -> handshake(new FrameChannel(connection)));
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.log(Level.WARNING, "accepting a child's connection failed", e);
                }
            }
        }
    }

    private void handshake(FrameChannel channel) {
        try {
            Frame hello = channel.receive();
            if (hello == null || hello.type() != Protocol.HELLO) {
                channel.close();
                return;
            }
            Hello message = Hello.decode(hello.payload());
            int version = message.version();
            long pid = message.pid();
            String token = message.token();
            ChildJvm child = token.length() == 32 ? find(token) : null;
            if (child == null || child.pid() != pid) {
                LOG.log(Level.WARNING, "refused a connection with a wrong token (pid {0})", pid);
                channel.close();
                return;
            }
            expected.remove(token);
            admit(channel, version, child);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "a child's handshake failed", e);
            channel.close();
        }
    }

    /**
     * Gives the channel of a child whose hello carried the right token to the child, or refuses
     * it when the child speaks another version of the protocol.
     */
    static void admit(FrameChannel channel, int version, ChildJvm child) throws IOException {
        if (version != Protocol.VERSION) {
            channel.send(Refused.TYPE, new Refused("this child JVM speaks multiprocessing4j protocol "
                    + version + " but its parent speaks " + Protocol.VERSION
                    + ": parent and child load different versions of multiprocessing4j; put one version on the class path").encode());
            channel.close();
            return;
        }
        child.attach(channel);
    }

    /** Constant-time token lookup, so that timing tells nothing about the tokens. */
    private ChildJvm find(String token) {
        for (Map.Entry<String, ChildJvm> entry : expected.entrySet()) {
            if (MessageDigest.isEqual(entry.getKey().getBytes(), token.getBytes())) {
                return entry.getValue();
            }
        }
        return null;
    }

    private void close() {
        try {
            server.close();
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // exiting
        }
    }
}
