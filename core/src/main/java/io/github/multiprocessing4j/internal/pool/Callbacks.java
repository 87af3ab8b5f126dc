package io.github.multiprocessing4j.internal.pool;

import java.lang.System.Logger.Level;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one thread on which a pool runs user code of the caller's side: result callbacks and
 * progress listeners, in the order they became due. What a callback throws is logged and harms
 * nothing (Python's result-handler thread died of it, and the pool hung). The thread is a daemon
 * and goes away when idle.
 */
final class Callbacks {

    private static final System.Logger LOG = System.getLogger("io.github.multiprocessing4j");

    private volatile Thread current;
    private final ThreadPoolExecutor thread = new ThreadPoolExecutor(0, 1, 5, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), body -> {
                Thread t = new Thread(null, body, "mp4j-pool-callbacks", 256 * 1024);
                t.setDaemon(true);
                current = t;
                return t;
            });

    /** @return true when called from a callback */
    boolean isCallbackThread() {
        return Thread.currentThread() == current;
    }

    /** Runs {@code body} on the callback thread; {@code what} names it in the log. */
    void run(String what, Runnable body) {
        try {
            thread.execute(() -> {
                try {
                    body.run();
                } catch (Throwable t) {
                    LOG.log(Level.WARNING, "a pool " + what + " threw; the pool carries on", t);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.log(Level.WARNING, "a pool " + what + " came after the pool stopped; it did not run", e);
        }
    }

    /** Runs {@code last} after every callback queued so far, then lets the thread go. Once only. */
    void finish(Runnable last) {
        if (!thread.isShutdown()) {
            thread.execute(last);
            thread.shutdown();
        }
    }
}
