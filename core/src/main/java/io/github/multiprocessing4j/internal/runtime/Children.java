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
     * At exit: terminate daemon children, wait for the others (until they end, or, for a warm JVM,
     * until its process ends and it idles as a daemon), then terminate what is left and reap all.
     */
    void shutdown() {
        List<ChildJvm> signalled = new ArrayList<>();
        for (ChildJvm child : live()) {
            if (child.isDaemon()) {
                child.terminate();
                signalled.add(child);
            }
        }
        synchronized (this) {
            try {
                while (anyNonDaemon()) {
                    wait(); // changed() is called when a child goes or becomes a daemon
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (ChildJvm child : live()) {
            if (!signalled.contains(child)) {
                child.terminate();
                signalled.add(child);
            }
        }
        for (ChildJvm child : signalled) {
            try {
                child.exitCode().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                child.kill();
            }
        }
    }
}
