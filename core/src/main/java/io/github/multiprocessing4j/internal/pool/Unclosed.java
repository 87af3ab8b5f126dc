package io.github.multiprocessing4j.internal.pool;

import java.lang.System.Logger.Level;
import java.lang.ref.Cleaner;

/**
 * Warns when a running pool becomes unreachable without {@code close()} or {@code terminate()}
 * (Python's {@code ResourceWarning: unclosed running multiprocessing pool}). Its workers go on
 * until this JVM exits, as daemons: a warning, not a silent leak.
 */
public final class Unclosed {

    private static final System.Logger LOG = System.getLogger("io.github.multiprocessing4j");

    private Unclosed() {
    }

    private static final class Holder {
        static final Cleaner CLEANER = Cleaner.create();
    }

    /** Warns if {@code owner} is collected while {@code engine} still runs. */
    public static void watch(Object owner, PoolEngine engine, String what) {
        Holder.CLEANER.register(owner, () -> {
            if (engine.isRunning()) {
                LOG.log(Level.WARNING, "unclosed running " + what + " (" + engine + ") was garbage-collected: "
                        + "close() it (try-with-resources) or terminate() it; its workers " + engine.workerPids()
                        + " keep running until this JVM exits");
            }
        });
    }
}
