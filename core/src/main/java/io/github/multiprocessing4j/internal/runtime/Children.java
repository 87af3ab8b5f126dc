package io.github.multiprocessing4j.internal.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The children this JVM launched that have not been reaped yet.
 *
 * <p>While any of them is a non-daemon child, a non-daemon "keeper" thread runs, so that the JVM
 * does not exit when {@code main} returns (Python joins its non-daemon children at exit).
 */
public final class Children {

    private static final Children INSTANCE = new Children();

    private final Set<ChildJvm> live = ConcurrentHashMap.newKeySet();
    /** Whether this JVM ever launched a child. */
    private volatile boolean launched;
    /** The keeper thread, or null when no non-daemon child runs; guarded by {@code this}. */
    private Thread keeper;

    private Children() {
    }

    public static Children get() {
        return INSTANCE;
    }

    void add(ChildJvm child) {
        launched = true;
        live.add(child);
        changed();
    }

    void remove(ChildJvm child) {
        live.remove(child);
        changed();
    }

    /** A child came, went or changed its daemon flag: start or wake the keeper. */
    synchronized void changed() {
        if (keeper == null && anyNonDaemon()) {
            keeper = new Thread(null, this::keep, "mp4j-non-daemon-children", 64 * 1024);
            keeper.setDaemon(false);
            keeper.start();
        }
        notifyAll();
    }

    private synchronized void keep() {
        try {
            while (anyNonDaemon()) {
                wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            keeper = null;
        }
    }

    private boolean anyNonDaemon() {
        for (ChildJvm child : live) {
            if (!child.isDaemon()) {
                return true;
            }
        }
        return false;
    }

    /** @return true once this JVM has launched a child JVM (of a process, a pool, or the warm context) */
    public boolean anyLaunched() {
        return launched;
    }

    /** @return the live children, oldest first */
    public List<ChildJvm> live() {
        List<ChildJvm> list = new ArrayList<>(live);
        list.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
        return list;
    }

    /**
     * Waits until no non-daemon child runs (a warm JVM counts until its process ends and it idles
     * as a daemon): what the end of {@code main} does through the keeper thread, for a JVM that
     * is about to call {@code System.exit} itself after a normal end (a child whose target
     * raised, as Python's child joins its children before it exits).
     */
    public void joinNonDaemon() {
        synchronized (this) {
            try {
                while (anyNonDaemon()) {
                    wait(); // changed() is called when a child goes or becomes a daemon
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * At exit: every child still running is terminated (SIGTERM), and killed if it has not ended
     * after {@link #TERMINATE_GRACE_MILLIS}. A normal end of {@code main} gets here only once the
     * non-daemon children have ended (the keeper thread holds the JVM until then), so what runs
     * now is daemon children, or any child when the JVM exits by {@code System.exit}, SIGTERM or
     * SIGINT: as Python's parent, it does not wait for them then, and it cleans up within a
     * bounded time.
     */
    void shutdown() {
        List<ChildJvm> signalled = live();
        signalled.forEach(ChildJvm::terminate);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TERMINATE_GRACE_MILLIS);
        for (ChildJvm child : signalled) {
            try {
                child.exitCode().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                child.kill();
            }
        }
    }

    /**
     * How long children get to end after SIGTERM at this JVM's exit before SIGKILL. A child's
     * JVM runs with -Xrs, so SIGTERM ends it at once; the grace covers a loaded machine.
     */
    static final long TERMINATE_GRACE_MILLIS = 1_500;
}
