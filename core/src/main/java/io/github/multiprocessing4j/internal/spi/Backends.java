package io.github.multiprocessing4j.internal.spi;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which backend serves which context. The public {@code Process} and {@code Pool} hold a
 * {@code Context} (a public interface a backend implements) and ask here for that context's
 * launchers; a backend registers each context it makes, and unregisters one it closes. Keyed by
 * identity (contexts do not override {@code equals}): the local ones are constants, a cluster's
 * live until closed.
 */
public final class Backends {

    private static final Map<Object, Backend> BACKENDS = new ConcurrentHashMap<>();

    private record Backend(ProcessLauncher processes, WorkerBackend pools) {
    }

    private Backends() {
    }

    /**
     * @param context   a context made by the backend
     * @param processes how that context starts processes
     * @param pools     where that context's pools run their workers
     */
    public static void register(Object context, ProcessLauncher processes, WorkerBackend pools) {
        BACKENDS.put(Objects.requireNonNull(context, "context"),
                new Backend(Objects.requireNonNull(processes, "processes"), Objects.requireNonNull(pools, "pools")));
    }

    /** @param context a context its backend closed: it starts nothing any more */
    public static void unregister(Object context) {
        BACKENDS.remove(context);
    }

    /**
     * @param context a context
     * @return the process launcher registered for it
     * @throws IllegalStateException when no backend registered the context (or it was closed)
     */
    public static ProcessLauncher launcher(Object context) {
        return backend(context, "start processes").processes();
    }

    /**
     * @param context a context
     * @return where its pools run their workers
     * @throws IllegalStateException when no backend registered the context (or it was closed)
     */
    public static WorkerBackend pools(Object context) {
        return backend(context, "run pools").pools();
    }

    private static Backend backend(Object context, String what) {
        Backend backend = BACKENDS.get(Objects.requireNonNull(context, "context"));
        if (backend == null) {
            throw new IllegalStateException(context + " was not made by a multiprocessing4j backend, or was closed: it cannot " + what);
        }
        return backend;
    }
}
