package io.github.multiprocessing4j.internal.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** The children this JVM launched that have not been reaped yet. */
public final class Children {

    private static final Children INSTANCE = new Children();

    private final Set<ChildJvm> live = ConcurrentHashMap.newKeySet();

    private Children() {
    }

    public static Children get() {
        return INSTANCE;
    }

    void add(ChildJvm child) {
        live.add(child);
    }

    void remove(ChildJvm child) {
        live.remove(child);
    }

    /** @return the live children, oldest first */
    public List<ChildJvm> live() {
        List<ChildJvm> list = new ArrayList<>(live);
        list.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
        return list;
    }

    /** At exit: terminate daemon children, wait for the others, then reap the daemons. */
    void shutdown() {
        List<ChildJvm> daemons = new ArrayList<>();
        for (ChildJvm child : live()) {
            if (child.isDaemon()) {
                child.terminate();
                daemons.add(child);
            }
        }
        for (ChildJvm child : live()) {
            if (!child.isDaemon()) {
                child.exitCode().join();
            }
        }
        for (ChildJvm child : daemons) {
            try {
                child.exitCode().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                child.kill();
            }
        }
    }
}
