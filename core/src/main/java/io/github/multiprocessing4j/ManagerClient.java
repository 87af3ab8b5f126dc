package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.serial.RemoteFailure;
import io.github.multiprocessing4j.internal.shm.Liveness;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The calling side of the manager protocol, in every process that holds a proxy: a pool of
 * connections per manager (a pipe handed to the manager through its accept queue, or a TCP
 * connection), one call at a time on each, so threads never wait for each other's calls.
 *
 * <p>A call sends a {@link ManagerCall} and waits for its reply, checking every
 * {@value #CHECK_MILLIS} ms that the manager still lives: a dead manager fails the call with
 * {@link ProcessException} naming it (a pipe whose manager died also ends within a tenth of a second
 * by itself). A server-side exception is rethrown as the same class, its cause the exception as
 * the manager threw it, with the manager's stack trace.
 */
final class ManagerClient {

    static final long CHECK_MILLIS = 200;
    private static final Duration CHECK = Duration.ofMillis(CHECK_MILLIS);
    private static final Map<String, ConcurrentLinkedDeque<Connection>> IDLE = new ConcurrentHashMap<>();
    /** The manager the reply being read came from, with how it was reached (proxies in it are rebased on it). */
    private static final ThreadLocal<ManagerRef> READING = new ThreadLocal<>();

    static {
        // a warm JVM's next process must not find the connections of the one before (their holds
        // are given up at its end, so the manager closed its side)
        io.github.multiprocessing4j.internal.runtime.Lifecycle.get().onExit(() -> {
            for (String key : IDLE.keySet()) {
                ConcurrentLinkedDeque<Connection> idle = IDLE.remove(key);
                if (idle != null) {
                    idle.forEach(Connection::close);
                }
            }
        });
    }

    private ManagerClient() {
    }

    /** Calls {@code method} on object {@code object} of manager {@code m}. */
    static Object call(ManagerRef m, long object, String method, Object... args) {
        ConcurrentLinkedDeque<Connection> idle = IDLE.computeIfAbsent(key(m), k -> new ConcurrentLinkedDeque<>());
        ManagerCall call = new ManagerCall(object, method, args);
        Connection c = idle.pollFirst();
        if (c != null) {
            try {
                c.send(call);
            } catch (UncheckedIOException | IllegalStateException stale) {
                c.close(); // an idle connection the manager closed (it never got the call): a fresh one
                c = null;
            }
        }
        ManagerCall.Reply reply;
        try {
            if (c == null) {
                c = open(m);
                c.send(call);
            }
            while (!c.poll(CHECK)) {
                if (!alive(m)) {
                    throw new ProcessException("the manager " + m + " is not running: it was shut down or died");
                }
            }
            READING.set(m);
            try {
                reply = c.recv();
            } finally {
                READING.remove();
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            if (c != null) {
                c.close();
            }
            throw new ProcessException("the manager " + m + " is not running: it was shut down or died (" + e.getMessage() + ")", e);
        } catch (RuntimeException | Error e) {
            if (c != null) {
                c.close(); // the connection's state is unknown: never reused
            }
            throw e;
        }
        idle.addFirst(c);
        if (reply.failure() != null) {
            throw rethrow(reply.failure(), m);
        }
        return reply.value();
    }

    private static String key(ManagerRef m) {
        return m.tcp() == null ? m.id() : m.id() + "@" + m.tcp() + "#" + Arrays.hashCode(m.authkey());
    }

    private static Connection open(ManagerRef m) {
        if (m.accept() == null) {
            try {
                return Client.connect(m.tcp(), m.authkey(), Duration.ofSeconds(10));
            } catch (AuthenticationException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new ProcessException("cannot reach the manager " + m + ": " + e.getMessage(), e);
            }
        }
        if (!alive(m)) {
            throw new ProcessException("the manager " + m + " is not running: it was shut down or died");
        }
        Pipe pipe = Multiprocessing.pipe();
        try {
            m.accept().put(pipe.right()); // the manager serves the other end
        } catch (RuntimeException e) {
            pipe.left().close();
            throw new ProcessException("cannot reach the manager " + m + ": " + e.getMessage(), e);
        } finally {
            pipe.right().close(); // the manager's hold alone keeps it: its death ends the pipe
        }
        return pipe.left();
    }

    private static boolean alive(ManagerRef m) {
        return m.pid() == 0 || !Liveness.isDead(m.pid(), m.stamp());
    }

    /** @return how a proxy of {@code m} arriving in a reply is reached: as its manager was, for this reply */
    static ManagerRef reachedVia(ManagerRef m) {
        ManagerRef reading = READING.get();
        return reading != null && reading.id().equals(m.id()) ? reading : m;
    }

    /** The exception a call raised in the manager, as the caller gets it. */
    static RuntimeException rethrow(RemoteFailure failure, ManagerRef m) {
        Throwable original = failure.rebuild();
        if (original instanceof RuntimeException || original instanceof Error) {
            Throwable copy = failure.rebuild();
            try {
                copy.initCause(original);
            } catch (IllegalStateException | IllegalArgumentException taken) {
                copy.addSuppressed(original);
            }
            StackTraceElement[] here = new Throwable().getStackTrace();
            copy.setStackTrace(Arrays.copyOfRange(here, Math.min(2, here.length), here.length));
            if (copy instanceof RuntimeException r) {
                return r;
            }
            throw (Error) copy;
        }
        String what = failure.className() + (failure.message() == null ? "" : ": " + failure.message());
        return new ProcessException("the call failed in the manager " + m + " with " + what
                + (original == null ? "\nremote stack trace:\n" + failure.stackText().stripTrailing() : ""), original);
    }

    /** Drops this process's idle connections to {@code m}. */
    static void disconnect(ManagerRef m) {
        ConcurrentLinkedDeque<Connection> idle = IDLE.remove(key(m));
        if (idle != null) {
            idle.forEach(Connection::close);
        }
    }

    /** {@link Manager#connect}. */
    static Manager connect(InetSocketAddress address, byte[] authkey) {
        ManagerRef probe = new ManagerRef("?", "the manager", 0, 0, null, address, authkey);
        ManagerRef real;
        try {
            real = (ManagerRef) call(probe, ManagerCall.MANAGER, "ref");
        } finally {
            disconnect(probe);
        }
        return new LocalManager(real.overTcp(address, authkey), null);
    }
}
