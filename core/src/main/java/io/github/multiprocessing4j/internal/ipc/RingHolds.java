package io.github.multiprocessing4j.internal.ipc;

import static io.github.multiprocessing4j.internal.ipc.RingDescriptor.FREED;
import static io.github.multiprocessing4j.internal.ipc.RingDescriptor.PINS;
import static io.github.multiprocessing4j.internal.ipc.RingDescriptor.READERS;
import static io.github.multiprocessing4j.internal.ipc.RingDescriptor.TRANSITS;
import static io.github.multiprocessing4j.internal.ipc.RingDescriptor.WRITERS;

import io.github.multiprocessing4j.internal.runtime.Lifecycle;
import io.github.multiprocessing4j.internal.runtime.Threads;
import io.github.multiprocessing4j.internal.shm.Futex;
import io.github.multiprocessing4j.internal.shm.Segment;
import io.github.multiprocessing4j.internal.shm.Words;

import java.io.InvalidObjectException;
import java.lang.ref.Cleaner;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Who uses the memory of a ring segment (a queue's, or a pipe's one or two rings), and giving it
 * back when nobody does: a queue's or pipe's file in {@code /dev/shm} is gone once no process
 * holds it, not at the end of the run.
 *
 * <h2>What keeps a segment</h2>
 * <ul>
 *   <li><b>Holds.</b> Every queue object and pipe end of a process is a hold, from its creation
 *       or arrival until {@code close()}, until it is garbage collected unclosed, or until its
 *       process ends (whichever comes first, once). Holds count in the rings' {@link Holders}
 *       tables (a queue's in its receiving end's), where a process that died is found dead.</li>
 *   <li><b>Transits</b> ({@link Transit}): a form serialized for a process the library launches
 *       (a {@code Process}'s target, a pool's initializer) keeps the memory until that launch's
 *       processes have ended; by then every receiver holds the segment itself or never will.</li>
 *   <li>A form in a message with exactly one receiver (put in a queue, sent on a connection)
 *       counts a transit too, which the receiver gives back once it holds the segment itself
 *       ({@link #arrived}); a message never received keeps the memory for the run.</li>
 *   <li><b>Pins</b>: a form serialized anywhere else (a pool task's function or arguments: a
 *       chunk may be deserialized again by another worker after its first died) may be
 *       deserialized later, by any process, any number of times: it keeps the memory until the
 *       run ends.</li>
 * </ul>
 * The process whose release finds no live holder, no transit and no pin gives the memory back:
 * it marks the segment freed (so that an attach racing with it fails clearly instead of using
 * an orphan), deletes the files of large items still in it, and unlinks the segment's file.
 *
 * <h2>Mappings</h2>
 * A process maps a segment once; each hold counts one use of that mapping, and the mapping goes
 * when the last is given back ({@link #attach} counts the use of the hold made next). Not at the
 * JVM's exit: threads may still run then, and the exit unmaps everything anyway.
 */
public final class RingHolds {

    /** The longest a release waits for a ring's lock (held by a live process). */
    static final long RELEASE_WAIT_NANOS = 5_000_000_000L;
    private static final System.Logger LOG = System.getLogger("io.github.multiprocessing4j");
    private static final Cleaner CLEANER = Cleaner.create(body -> {
        Thread thread = new Thread(null, body, "mp4j-ring-cleaner", 64 * 1024);
        thread.setDaemon(true);
        return thread;
    });
    /** The holds not given up yet: given up at this process's end. */
    private static final Set<Hold> OPEN = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOKED = new AtomicBoolean();
    /** Holds per segment path in this process; guarded by itself. */
    private static final Map<String, Integer> USES = new HashMap<>();

    private RingHolds() {
    }

    /**
     * Attaches to rings of the segment at {@code path} and counts one use of its mapping, which
     * the hold made next from them takes over ({@link #queue}, {@link #pipeEnd} with
     * {@code attached} true).
     */
    public static Ring[] attach(String path, String what, long... bases) {
        synchronized (USES) {
            Ring[] rings = new Ring[bases.length];
            for (int i = 0; i < bases.length; i++) {
                rings[i] = Ring.attach(path, bases[i], what);
            }
            USES.merge(path, 1, Integer::sum);
            return rings;
        }
    }

    /**
     * Makes {@code owner}, a queue object, a hold on its ring.
     *
     * @param attached whether the ring came from {@link #attach} (its use is counted)
     * @return what gives the hold up: {@link Cleaner.Cleanable#clean()} at {@code close()}
     * @throws IllegalStateException when the queue's memory was given back already
     */
    public static Cleaner.Cleanable queue(Object owner, QueueCore core, boolean attached, String what) {
        Ring ring = core.ring();
        return track(owner, new Hold(new Ring[] {ring}, new Ring[] {ring}, new long[] {READERS}, core.feeder(), false, attached, what));
    }

    /**
     * Makes {@code owner}, a pipe end, a hold on its rings: the receiving end of {@code in}, the
     * sending end of {@code out}.
     *
     * @param attached whether the rings came from {@link #attach}
     * @return what gives the hold up
     */
    public static Cleaner.Cleanable pipeEnd(Object owner, Ring in, Ring out, boolean attached, String what) {
        Ring[] ends = in == null ? new Ring[] {out} : out == null ? new Ring[] {in} : new Ring[] {in, out};
        long[] tables = in == null ? new long[] {WRITERS} : out == null ? new long[] {READERS} : new long[] {READERS, WRITERS};
        return track(owner, new Hold(segment(ends), ends, tables, null, true, attached, what));
    }

    /**
     * What serializing a queue or pipe end takes: a transit when a {@link Transit} collects on
     * this thread (the form goes to a process the library launches); a transit that the receiver
     * gives back ({@link #arrived}) when the form is in a message for exactly one receiver
     * ({@link Transit#delivering}); else a pin.
     *
     * @param rings the rings of the form (all of its segment's)
     * @return whether the receiver gives a transit back: the form must say so
     * @throws InvalidObjectException when the memory was given back already
     */
    public static boolean sending(Ring[] rings, String what) throws InvalidObjectException {
        Ring[] segment = segment(rings);
        Transit transit = Transit.current();
        if (transit != null) {
            use(segment[0].path());
            Hold hold;
            try {
                hold = new Hold(segment, new Ring[] {segment[0]}, new long[] {TRANSITS}, null, false, true, what);
            } catch (IllegalStateException freed) { // its use given up
                throw new InvalidObjectException(freed.getMessage());
            }
            transit.add(hold);
            return false;
        }
        boolean delivering = Transit.isDelivering();
        Ring first = segment[0];
        first.lockUninterruptibly();
        try {
            if (Words.getInt(first.memory(), PINS) == FREED) {
                throw new InvalidObjectException(freed(what));
            }
            long counter = delivering ? TRANSITS : PINS;
            Words.setInt(first.memory(), counter, Words.getInt(first.memory(), counter) + 1);
        } finally {
            first.unlock();
        }
        return delivering;
    }

    /**
     * Gives back the transit of a form that arrived in its one receiver ({@link #sending} said
     * so), once this process holds the rings itself.
     */
    public static void arrived(Ring[] rings) {
        Ring first = segment(rings)[0];
        first.lockUninterruptibly();
        try {
            Words.setInt(first.memory(), TRANSITS, Math.max(0, Words.getInt(first.memory(), TRANSITS) - 1));
        } finally {
            first.unlock();
        }
    }

    /** Takes a hold of this process on one end of {@code ring}; false when it went untracked. */
    public static boolean register(Ring ring, long table) throws InterruptedException {
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

    private static Cleaner.Cleanable track(Object owner, Hold hold) {
        OPEN.add(hold);
        if (HOOKED.compareAndSet(false, true)) {
            Lifecycle.get().onExit(() -> List.copyOf(OPEN).forEach(Hold::atEnd));
        }
        return CLEANER.register(owner, hold);
    }

    /** @return every ring of the segment of {@code rings}, first ring (offset 0) first */
    private static Ring[] segment(Ring[] rings) {
        Ring[] sorted = rings.clone();
        Arrays.sort(sorted, Comparator.comparingLong(Ring::base));
        if (sorted[0].base() != 0) {
            throw new IllegalArgumentException("not every ring of " + sorted[0].path());
        }
        return sorted;
    }

    private static void use(String path) {
        synchronized (USES) {
            USES.merge(path, 1, Integer::sum);
        }
    }

    /** Gives up one use of this process's mapping of {@code path}, unmapping it after the last. */
    private static void unuse(String path) {
        synchronized (USES) {
            Integer left = USES.merge(path, -1, Integer::sum);
            if (left != null && left <= 0) {
                USES.remove(path);
                Segment.unmapIfMapped(path);
            }
        }
    }

    private static String freed(String what) {
        return what + " was closed by every process that held it: its shared memory was given back";
    }

    /**
     * A ring's lock for a release: an interrupt does not stop the wait (the flag is kept for
     * after); a lock that a live but stuck process keeps for {@link #RELEASE_WAIT_NANOS} does,
     * so that a closing thread (or this JVM's end) never hangs on another process.
     *
     * @return whether the lock is held
     */
    private static boolean lockForRelease(Ring ring) {
        return lockForRelease(ring, false);
    }

    /** As {@link #lockForRelease(Ring)}, the ring's take lock when {@code take}. */
    private static boolean lockForRelease(Ring ring, boolean take) {
        boolean interrupted = false;
        long deadline = Futex.deadline(RELEASE_WAIT_NANOS);
        try {
            while (true) {
                try {
                    if (take ? ring.lockTake(deadline) : ring.lock(deadline)) {
                        return true;
                    }
                    LOG.log(System.Logger.Level.WARNING, "multiprocessing4j: could not release a hold on " + ring.path()
                            + ": its " + (take ? "take lock" : "lock") + " stayed taken; the hold is given up when this process exits");
                    return false;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Gives the segment's memory back if nothing keeps it: no pin, no transit, no live holder
     * in any table of any of its rings. Locks the rings in order (first ring first).
     */
    private static void freeIfUnused(Ring[] segment) {
        int locked = 0;
        boolean free = false;
        try {
            for (Ring ring : segment) {
                if (!lockForRelease(ring)) {
                    return;
                }
                locked++;
            }
            var first = segment[0].memory();
            if (Words.getInt(first, PINS) != 0 || Words.getInt(first, TRANSITS) > 0) {
                return;
            }
            for (Ring ring : segment) {
                if (Holders.anyHolder(ring.memory(), READERS, true) || Holders.anyHolder(ring.memory(), WRITERS, true)) {
                    return;
                }
            }
            Words.setInt(first, PINS, FREED);
            for (Ring ring : segment) {
                if (lockForRelease(ring, true)) {
                    try {
                        for (Item item; (item = ring.removeFirst()) != null; ) {
                            item.discard(); // a large item's file goes with it
                        }
                    } finally {
                        ring.unlockTake();
                    }
                }
            }
            free = true;
        } finally {
            for (int i = locked - 1; i >= 0; i--) {
                segment[i].unlock();
            }
        }
        if (free) {
            segment[0].unlinkSegment();
        }
    }

    /**
     * One hold, given up once: by {@code close()}, by the cleaner when its owner was garbage
     * collected unclosed (as a Python connection closes when it is collected), or at this
     * process's end ({@link #atEnd}).
     */
    static final class Hold implements Runnable {
        private final Ring[] segment;
        private final Ring[] rings;
        private final long[] tables;
        private final boolean[] tracked;
        /** The feeder of this process's items (a queue's), delivered before the hold goes. */
        private final Feeder feeder;
        /** Whether the rings' sleepers re-check at the release (a pipe end: end of stream, broken pipe). */
        private final boolean wake;
        private final String what;
        private final AtomicBoolean done = new AtomicBoolean();

        /**
         * Registers the hold in {@code tables} of {@code rings} (one per ring; {@link RingDescriptor#TRANSITS}
         * counts a transit in the first ring).
         *
         * @param attached whether this process's use of the mapping is counted already
         * @throws IllegalStateException when the memory was given back (the use is given up)
         */
        Hold(Ring[] segment, Ring[] rings, long[] tables, Feeder feeder, boolean wake, boolean attached, String what) {
            this.segment = segment;
            this.rings = rings;
            this.tables = tables;
            this.tracked = new boolean[rings.length];
            this.feeder = feeder;
            this.wake = wake;
            this.what = what;
            if (!attached) {
                use(segment[0].path());
            }
            Ring first = segment[0];
            first.lockUninterruptibly();
            try {
                if (Words.getInt(first.memory(), PINS) == FREED) {
                    unuse(first.path());
                    throw new IllegalStateException(freed(what));
                }
                for (int i = 0; i < rings.length; i++) {
                    if (rings[i] != first) {
                        rings[i].lockUninterruptibly();
                    }
                    try {
                        tracked[i] = register(rings[i].memory(), tables[i]);
                    } finally {
                        if (rings[i] != first) {
                            rings[i].unlock();
                        }
                    }
                }
            } finally {
                first.unlock();
            }
        }

        private static boolean register(java.lang.foreign.MemorySegment m, long table) {
            if (table == TRANSITS) {
                Words.setInt(m, TRANSITS, Words.getInt(m, TRANSITS) + 1);
                return true;
            }
            return Holders.register(m, table);
        }

        /** {@code close()}, or the cleaner: a queue's feeder delivers first, off the caller's thread. */
        @Override
        public void run() {
            if (feeder != null && feeder.active()) {
                Threads.daemon("mp4j-release " + what, () -> {
                    awaitFeeder();
                    release(true);
                });
            } else {
                release(true);
            }
        }

        /** This process's end (a warm JVM's process end too): a queue's feeder delivers first. */
        void atEnd() {
            awaitFeeder();
            release(!Lifecycle.get().isExiting());
        }

        private void awaitFeeder() {
            if (feeder == null) {
                return;
            }
            try {
                feeder.awaitIdle();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void release(boolean unmap) {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            OPEN.remove(this);
            try {
                for (int i = 0; i < rings.length; i++) {
                    Ring ring = rings[i];
                    if (!lockForRelease(ring)) {
                        return; // kept until this process exits: no unmap either
                    }
                    try {
                        if (tables[i] == TRANSITS) {
                            Words.setInt(ring.memory(), TRANSITS, Words.getInt(ring.memory(), TRANSITS) - 1);
                        } else {
                            Holders.unregister(ring.memory(), tables[i], tracked[i]);
                        }
                    } finally {
                        ring.unlock();
                    }
                }
                if (wake) {
                    // Everyone asleep on either ring re-checks: the other end's senders blocked for
                    // room (no receiver left?), its receivers (end of stream?), and this end's own
                    // blocked threads (closed under them).
                    for (Ring ring : rings) {
                        ring.signalTake(Integer.MAX_VALUE);
                        ring.signalPut(Integer.MAX_VALUE);
                    }
                }
                freeIfUnused(segment);
            } catch (IllegalStateException unmapped) {
                return; // a private segment's memory, closed with its arena (an idle JVM's warm-up)
            }
            if (unmap) {
                unuse(segment[0].path());
            }
        }
    }
}
