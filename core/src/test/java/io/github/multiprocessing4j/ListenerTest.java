package io.github.multiprocessing4j;

import io.github.multiprocessing4j.testing.BlockedReceive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Listener and Client over TCP and Unix sockets, with the HMAC challenge (CPython's _TestListener*, case 91). */
class ListenerTest {

    @TempDir
    Path dir;

    private static void helloFromAChild(Listener listener) {
        SocketAddress address = listener.address();
        Process p = new Process(() -> {
            try (Connection c = Client.connect(address)) {
                c.send("hello");
                c.sendBytes(new byte[0]);
                c.send(c.<Integer>recv() + 1);
            }
        });
        p.start();
        try (Connection c = listener.accept(Duration.ofSeconds(60)).orElseThrow()) {
            assertEquals("hello", c.recv());
            assertArrayEquals(new byte[0], c.recvBytes(), "an empty message on a socket");
            c.send(41);
            assertEquals(42, (int) c.recv());
            assertNotNull(listener.lastAccepted());
        }
        p.join();
        assertEquals(0, p.exitCode());
    }

    @Test
    void tcpOnLoopbackWithTheRunsKey() {
        try (Listener listener = new Listener()) {
            InetSocketAddress address = (InetSocketAddress) listener.address();
            assertTrue(address.getAddress().isLoopbackAddress(), "loopback unless told otherwise: " + address);
            helloFromAChild(listener);
        }
    }

    @Test
    void unixSocket() {
        Path socket;
        try (Listener listener = Listener.unix()) {
            socket = ((UnixDomainSocketAddress) listener.address()).getPath();
            assertTrue(Files.exists(socket));
            helloFromAChild(listener);
        }
        assertFalse(Files.exists(socket), "close() removes the socket file");
        try (Listener listener = new Listener(UnixDomainSocketAddress.of(dir.resolve("s")), "k".getBytes())) {
            CompletableFuture<Connection> accepted = CompletableFuture.supplyAsync(listener::accept);
            try (Connection c = Client.connect(listener.address(), "k".getBytes()); Connection s = accepted.join()) {
                c.send(List.of(1, 2));
                assertEquals(List.of(1, 2), s.recv());
            }
        }
    }

    @Test
    void aWrongKeyFailsOnBothSides() throws Exception {
        try (Listener listener = new Listener(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "right".getBytes())) {
            CompletableFuture<Connection> accepted = CompletableFuture.supplyAsync(listener::accept);
            AuthenticationException client = assertThrows(AuthenticationException.class,
                    () -> Client.connect(listener.address(), "wrong".getBytes()));
            assertTrue(client.getMessage().contains("key"), client.getMessage());
            Throwable server = assertThrows(Exception.class, () -> accepted.get(30, TimeUnit.SECONDS)).getCause();
            assertTrue(server instanceof AuthenticationException, String.valueOf(server));
        }
    }

    @Test
    void anEmptyKeyIsAKey() {
        try (Listener listener = new Listener(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), new byte[0])) {
            CompletableFuture<Connection> accepted = CompletableFuture.supplyAsync(listener::accept);
            try (Connection c = Client.connect(listener.address(), new byte[0]); Connection s = accepted.join()) {
                s.send("ok");
                assertEquals("ok", c.recv());
            }
        }
    }

    /** A peer that is not a multiprocessing client: a bogus answer to the challenge. */
    @Test
    void aBogusAnswerFailsTheListener() throws Exception {
        try (Listener listener = new Listener(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "k".getBytes())) {
            CompletableFuture<Connection> accepted = CompletableFuture.supplyAsync(listener::accept);
            try (java.net.Socket raw = new java.net.Socket()) {
                raw.connect(listener.address());
                raw.getOutputStream().write(new byte[] {0, 0, 0, 5, 'b', 'o', 'g', 'u', 's'});
                raw.getOutputStream().flush();
                Throwable server = assertThrows(Exception.class, () -> accepted.get(30, TimeUnit.SECONDS)).getCause();
                assertTrue(server instanceof AuthenticationException, String.valueOf(server));
            }
        }
    }

    @Test
    void addressInUseAcceptAfterCloseAndTimedAccept() {
        try (Listener listener = new Listener()) {
            UncheckedIOException inUse = assertThrows(UncheckedIOException.class, () -> new Listener(listener.address()));
            assertTrue(inUse.getMessage().contains(listener.address().toString()), inUse.getMessage());
            assertTrue(listener.accept(Duration.ofMillis(50)).isEmpty(), "no client: empty after the timeout");
            listener.close();
            assertThrows(IllegalStateException.class, listener::accept);
        }
        assertThrows(UncheckedIOException.class,
                () -> Client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), 1), new byte[0], Duration.ofSeconds(5)));
    }

    /** Connection.await takes socket connections and pipe ends together. */
    @Test
    void awaitOnSocketsAndPipesTogether() {
        Pipe pipe = Multiprocessing.pipe();
        try (Listener listener = new Listener()) {
            CompletableFuture<Connection> accepted = CompletableFuture.supplyAsync(listener::accept);
            try (Connection c = Client.connect(listener.address()); Connection s = accepted.join()) {
                List<Connection> both = List.of(s, pipe.left());
                assertEquals(List.of(), Connection.await(both, Duration.ofMillis(50)));
                c.send("over the socket");
                assertEquals(List.of(s), Connection.await(both, Duration.ofSeconds(30)));
                assertEquals("over the socket", s.recv());
                pipe.right().send("through the pipe");
                assertEquals(List.of(pipe.left()), Connection.await(both, Duration.ofSeconds(30)));
            }
        } finally {
            pipe.left().close();
            pipe.right().close();
        }
    }

    /** A thread blocked receiving on a socket connection ends on an interrupt, or on a close. */
    @Test
    void aBlockedReceiveEndsOnInterruptOrClose() throws Exception {
        try (Listener listener = new Listener()) {
            CompletableFuture<Connection> accepted = CompletableFuture.supplyAsync(listener::accept);
            try (Connection c = Client.connect(listener.address()); Connection s = accepted.join()) {
                BlockedReceive.endsOnInterruptThenOnClose(c, s);
            }
        }
    }

    // ---- CPython at the other end (skipped where there is no python3) ----------------------

    /** Python processes this test started, destroyed after each test whatever happened. */
    private final List<java.lang.Process> pythons = new java.util.ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void noPythonLeft() {
        pythons.forEach(java.lang.Process::destroyForcibly);
    }

    private java.lang.Process python(String script, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("python3", "-c", script));
        command.addAll(List.of(args));
        try {
            java.lang.Process py = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            pythons.add(py);
            return py;
        } catch (java.io.IOException e) {
            org.junit.jupiter.api.Assumptions.abort("no python3 on this machine: " + e.getMessage());
            throw e;
        }
    }

    /** A Python Client, with the same key and with a wrong one, against a Java Listener. */
    @Test
    void aPythonClientConnectsToAJavaListener() throws Exception {
        String client = """
                import sys
                from multiprocessing.connection import Client
                try:
                    c = Client(('127.0.0.1', int(sys.argv[1])), authkey=sys.argv[2].encode())
                except Exception as e:
                    print(type(e).__name__, flush=True); sys.exit(0)
                c.send_bytes(b'from python')
                c.send_bytes(c.recv_bytes().upper())
                c.close()
                """;
        try (Listener listener = new Listener(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "shared key".getBytes())) {
            int port = ((InetSocketAddress) listener.address()).getPort();
            java.lang.Process py = python(client, Integer.toString(port), "shared key");
            try (Connection c = listener.accept(Duration.ofSeconds(60)).orElseThrow()) {
                assertArrayEquals("from python".getBytes(), c.recvBytes());
                c.sendBytes("shout".getBytes());
                assertArrayEquals("SHOUT".getBytes(), c.recvBytes());
            }
            assertEquals(0, py.waitFor());

            java.lang.Process wrong = python(client, Integer.toString(port), "another key");
            assertThrows(AuthenticationException.class, () -> listener.accept(Duration.ofSeconds(60)));
            assertEquals("AuthenticationError", new String(wrong.getInputStream().readAllBytes()).trim());
            assertEquals(0, wrong.waitFor());
        }
    }

    /** A Java Client against a Python Listener. */
    @Test
    void aJavaClientConnectsToAPythonListener() throws Exception {
        String listener = """
                import sys
                from multiprocessing.connection import Listener
                with Listener(('127.0.0.1', 0), authkey=b'shared key') as l:
                    print(l.address[1], flush=True)
                    for attempt in range(2):
                        try:
                            with l.accept() as c:
                                c.send_bytes(c.recv_bytes()[::-1])
                        except Exception as e:
                            print(type(e).__name__, flush=True)
                """;
        java.lang.Process py = python(listener);
        java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(py.getInputStream()));
        int port = Integer.parseInt(out.readLine().trim());
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        try (Connection c = Client.connect(address, "shared key".getBytes())) {
            c.sendBytes("abc".getBytes());
            assertArrayEquals("cba".getBytes(), c.recvBytes());
        }
        assertThrows(AuthenticationException.class, () -> Client.connect(address, "wrong".getBytes()));
        assertEquals("AuthenticationError", out.readLine().trim());
        assertEquals(0, py.waitFor());
    }
}
