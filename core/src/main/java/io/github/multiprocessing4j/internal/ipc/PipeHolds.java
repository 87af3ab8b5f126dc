package io.github.multiprocessing4j.internal.ipc;

import io.github.multiprocessing4j.internal.runtime.Lifecycle;
import io.github.multiprocessing4j.internal.shm.Futex;

import java.lang.ref.Cleaner;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * This process's holds on pipe ends ({@link Holders}): taken when a {@code RingConnection} is
 * made or arrives, given up once — at {@code close()}, when the connection is garbage collected
 * unclosed (as a Python connection closes when collected), or at this JVM's exit — so that the
 * other end sees the end of stream without waiting for this process to die.
 */
public final class PipeHolds {

    /** The longest a release waits for a ring's lock (held by a live process). */
    static final long RELEASE_WAIT_NANOS = 5_000_000_000L;
    private static final System.Logger LOG = System.getLogger("io.github.multiprocessing4j");
    private static final Cleaner CLEANER = Cleaner.create(body -> {
        Thread thread = new Thread(null, body, "mp4j-pipe-cleaner", 64 * 1024);
        thread.setDaemon(true);
        return thread;
    });
    /** The holds not given up yet: given up at exit. */
    private static final Set<Release> OPEN = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOKED = new AtomicBoolean();

    private PipeHolds() {
    }

    /** Takes a hold of this process on one end of {@code ring}; false when it went untracked. */
    public static boolean hold(Ring ring, long table) throws InterruptedException {
        ring.lock(Futex.FOREVER);
        try {
            return Holders.register(ring.memory(), table);
        } finally {
            ring.unlock();
        }
    }

    /**
     * Gives up the hold that process {@code sender} took for an end in transit, once this
     * process holds the end itself.
     */
    public static void handOver(Ring ring, long table, long sender, boolean tracked) throws InterruptedException {
        ring.lock(Futex.FOREVER);
        try {
            Holders.release(ring.memory(), table, sender, tracked);
        } finally {
            ring.unlock();
        }
    }

    /**
     * Tracks the holds of {@code connection} on its rings.
     *
     * @return what gives them up: {@link Cleaner.Cleanable#clean()} at close
     */
    public static Cleaner.Cleanable track(Object connection, Ring in, Ring out, boolean inTracked, boolean outTracked) {
        Release action = new Release(in, out, inTracked, outTracked);
        OPEN.add(action);
        if (HOOKED.compareAndSet(false, true)) {
            Lifecycle.get().onExit(() -> List.copyOf(OPEN).forEach(Release::run));
        }
        return CLEANER.register(connection, action);
    }

    /**
     * Gives up an end's holds, once: at {@code close()}, or when an unclosed connection is
     * garbage collected (as a Python connection closes when it is collected), so that the
     * other end sees the end of stream without waiting for this process to exit.
     */
    private static final class Release implements Runnable {
        private final Ring in;
        private final Ring out;
        private final boolean inTracked;
        private final boolean outTracked;
        private final AtomicBoolean done = new AtomicBoolean();

        Release(Ring in, Ring out, boolean inTracked, boolean outTracked) {
            this.in = in;
            this.out = out;
            this.inTracked = inTracked;
            this.outTracked = outTracked;
        }

        @Override
        public void run() {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            OPEN.remove(this);
            // Everyone asleep on either ring re-checks: the other end's senders blocked for room
            // (no receiver left?), its receivers (end of stream?), and this end's own blocked
            // threads (closed under them).
            for (Ring ring : new Ring[] {in, out}) {
                if (ring != null) {
                    release(ring, ring == in ? RingDescriptor.READERS : RingDescriptor.WRITERS, ring == in ? inTracked : outTracked);
                    ring.signalTake(Integer.MAX_VALUE);
                    ring.signalPut(Integer.MAX_VALUE);
                }
            }
        }

        /**
         * Releases one hold. An interrupt does not stop it (the flag is kept for after); a lock
         * that a live but stuck process keeps for {@link #RELEASE_WAIT_NANOS} does: then the
         * hold stays until this process exits, and a closing thread (or the JVM's exit) does not
         * hang on another process.
         */
        private static void release(Ring ring, long table, boolean tracked) {
            boolean interrupted = false;
            long deadline = Futex.deadline(RELEASE_WAIT_NANOS);
            boolean locked = false;
            while (!locked) {
                try {
                    locked = ring.lock(deadline);
                    if (!locked) {
                        LOG.log(System.Logger.Level.WARNING, "multiprocessing4j: could not release a hold on " + ring.path()
                                + ": its lock stayed taken; the other end sees the end of stream when this process exits");
                        break;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (!locked) {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            try {
                Holders.unregister(ring.memory(), table, tracked);
            } finally {
                ring.unlock();
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
