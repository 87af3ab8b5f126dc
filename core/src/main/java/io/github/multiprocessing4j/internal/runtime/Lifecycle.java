package io.github.multiprocessing4j.internal.runtime;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * This JVM's exit: one shutdown hook that does, in order, what Python's multiprocessing does at
 * interpreter exit and then removes what the run created.
 *
 * <ol>
 *   <li>Daemon children are terminated (SIGTERM) and reaped.</li>
 *   <li>Non-daemon children are waited for. (When {@code main} returns, the JVM already waits
 *       for them: each is supervised by a non-daemon thread.)</li>
 *   <li>The exit actions registered with {@link #onExit} run, last registered first.</li>
 * </ol>
 */
public final class Lifecycle {

    private static final System.Logger LOG = System.getLogger("io.github.multiprocessing4j");
    private static final Lifecycle INSTANCE = new Lifecycle();

    private final List<Runnable> actions = new ArrayList<>();
    private boolean hooked;
    private volatile boolean exiting;

    private Lifecycle() {
    }

    public static Lifecycle get() {
        return INSTANCE;
    }

    /**
     * Registers an action for this JVM's exit; actions run last registered first. An action must
     * be idempotent: a warm JVM that runs several processes in turn runs every action at the end
     * of each process too ({@link #runExitActions}).
     */
    public synchronized void onExit(Runnable action) {
        if (!hooked) {
            Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "mp4j-shutdown"));
            hooked = true;
        }
        actions.add(action);
    }

    /** Makes sure the hook is installed, so that children are dealt with at exit. */
    public void ensureHooked() {
        onExit(() -> { });
    }

    /** @return true once this JVM's exit has begun: nothing should launch children any more */
    public boolean isExiting() {
        return exiting;
    }

    private void shutdown() {
        exitWork();
    }

    /**
     * Does this JVM's exit work now, before {@code System.exit}, for a JVM that must report its
     * process's end as soon as that work is done ({@code PROCESS_DONE}): children terminated,
     * exit actions run. The shutdown hook does it again, finding nothing left to do.
     */
    public void exitWork() {
        exiting = true;
        Children.get().shutdown();
        runExitActions();
    }

    /**
     * Runs the exit actions now, last registered first, and keeps them registered: the end of a
     * process in a warm JVM that stays for another one.
     */
    public void runExitActions() {
        List<Runnable> todo;
        synchronized (this) {
            todo = new ArrayList<>(actions);
        }
        for (int i = todo.size() - 1; i >= 0; i--) {
            try {
                todo.get(i).run();
            } catch (Throwable t) {
                LOG.log(Level.WARNING, "an exit action of multiprocessing4j failed", t);
            }
        }
    }
}
