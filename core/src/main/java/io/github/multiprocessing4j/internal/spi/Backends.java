package io.github.multiprocessing4j.internal.spi;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which backend serves which context. The public {@code Process} and {@code Pool} hold a
 * {@code Context} (a public interface a backend implements) and ask here for that context's
 * launcher; a backend registers each context it makes. Keyed by identity: contexts are few and
 * live as long as the JVM (the local ones are constants).
 */
public final class Backends {

    private static final Map<Object, ProcessLauncher> LAUNCHERS = new ConcurrentHashMap<>();

    private Backends() {
    }

    /**
     * @param context  a context made by the backend
     * @param launcher how that context starts processes
     */
    public static void register(Object context, ProcessLauncher launcher) {
        LAUNCHERS.put(Objects.requireNonNull(context, "context"), Objects.requireNonNull(launcher, "launcher"));
    }

    /**
     * @param context a context
     * @return the launcher registered for it
     * @throws IllegalStateException when no backend registered the context
     */
    public static ProcessLauncher launcher(Object context) {
        ProcessLauncher launcher = LAUNCHERS.get(context);
        if (launcher == null) {
            throw new IllegalStateException(context + " was not made by a multiprocessing4j backend: it cannot start processes");
        }
        return launcher;
    }
}
