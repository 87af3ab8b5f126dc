package io.github.multiprocessing4j.internal.ipc;

import io.github.multiprocessing4j.internal.runtime.Lifecycle;
import io.github.multiprocessing4j.internal.runtime.RunDirectory;
import io.github.multiprocessing4j.internal.runtime.Threads;
import io.github.multiprocessing4j.internal.shm.Futex;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;

/**
 * The buffer and background thread that keep {@code put} on an unbounded queue from ever
 * blocking: items that find the shared ring out of room wait here, in this process, and the
 * feeder thread moves them into the ring, oldest first, as consumers make room.
 *
 * <p>Buffered items are copies ({@link Spill}): the caller may reuse a {@code byte[]} it put.
 *
 * <p>State: the thread runs while the buffer is not empty and ends when it has emptied it; the
 * next spilled item starts a new one. The buffer is guarded by the ring's lock (so that "ring
 * first, or buffer if it is not empty" is decided atomically, keeping each producer's items in
 * order), {@link #pending} is readable without it.
 *
 * <p>At exit: a child process waits for its feeders to deliver everything (as Python does),
 * unless {@link #cancel()} was called. A root process does not wait: its exit ends the run and
 * removes every queue with it.
 */
final class Feeder {

    private static final System.Logger LOG = System.getLogger("io.github.multiprocessing4j");

    private final Ring ring;
    private final String what;
    /** Guarded by the ring's lock. */
    private final ArrayDeque<Item> buffer = new ArrayDeque<>();
    /** Guarded by the ring's lock. */
    private boolean running;
    private volatile int pending;
    private volatile boolean cancelled;
    /** Feeder threads running (until their last touch of the ring): 0 or 1, briefly 2; guarded by {@code this}. */
    private int threads;
    private boolean exitHooked;

    Feeder(Ring ring, String what) {
        this.ring = ring;
        this.what = what;
    }

    /**
     * Under the ring's lock: whether items wait in the buffer (then a new item must wait behind
     * them, to keep this process's items in order).
     */
    boolean holdsItems() {
        return !buffer.isEmpty();
    }

    /**
     * Under the ring's lock: moves buffered items into the ring, oldest first, while they fit.
     * The feeder thread does it, and so does a {@code put} that waits for room (a consumer's
     * {@code get} wakes one sleeper, which need not be the thread).
     *
     * @return how many items were moved: the caller signals them after unlocking
     */
    int moveBuffered() {
        int moved = 0;
        while (!buffer.isEmpty() && ring.tryAppend(buffer.peekFirst())) {
            Spill.free(buffer.pollFirst());
            moved++;
        }
        if (moved > 0) {
            pending = buffer.size();
        }
        return moved;
    }

    /**
     * Under the ring's lock: buffers an item that did not fit in the ring; {@link #startIfNeeded()}
     * must follow, after unlocking.
     *
     * @param item an item made safe to keep by {@link Spill#copy}
     */
    void buffer(Item item) {
        buffer.add(item);
        pending = buffer.size();
    }

    /**
     * After unlocking, when {@link #offer} buffered: starts the thread unless it runs. The item
     * is already put, so an interrupt must not make the put look failed: it is kept for after.
     */
    void startIfNeeded() {
        boolean start;
        ring.lockUninterruptibly();
        try {
            start = !running && !buffer.isEmpty();
            running |= start;
        } finally {
            ring.unlock();
        }
        if (start) {
            hookExit();
            synchronized (this) {
                threads++;
            }
            Threads.daemon("mp4j-feeder " + what, this::feed);
        }
    }

    /** @return the items put by this process and not in the ring yet */
    int pending() {
        return pending;
    }

    /** Lets this process exit without delivering the buffered items. */
    void cancel() {
        cancelled = true;
        synchronized (this) {
            notifyAll();
        }
    }

    /**
     * Waits until the buffer is empty.
     *
     * @return false when {@code deadline} passed first
     */
    boolean awaitFlushed(long deadline) throws InterruptedException {
        synchronized (this) {
            while (pending > 0 && !cancelled) {
                long left = Futex.remaining(deadline);
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, Math.min(left / 1_000_000, 1000)));
            }
        }
        return true;
    }

    /**
     * Waits until no feeder thread runs, so that the ring's memory may be given back: every
     * buffered item delivered, or, after {@link #cancel()}, dropped.
     */
    void awaitIdle() throws InterruptedException {
        if (cancelled) {
            ring.lock(Futex.FOREVER);
            try {
                buffer.forEach(Spill::free);
                buffer.clear();
                pending = 0;
            } finally {
                ring.unlock();
            }
            ring.signalTake(Integer.MAX_VALUE); // the thread, asleep for room, finds nothing left
        }
        synchronized (this) {
            while (threads > 0) {
                wait(100);
            }
        }
    }

    /** @return whether a feeder thread runs */
    synchronized boolean active() {
        return threads > 0;
    }

    private void feed() {
        try {
            while (true) {
                int moved;
                boolean done;
                int seen = ring.takeSeq(); // before the attempt: a removal after it wakes the wait below
                ring.lock(Futex.FOREVER);
                try {
                    moved = moveBuffered();
                    done = buffer.isEmpty();
                    if (done) {
                        running = false;
                    }
                } finally {
                    ring.unlock();
                }
                if (moved > 0) {
                    ring.signalPut(moved);
                }
                if (done) {
                    Spill.trim();
                    return;
                }
                ring.awaitTake(seen, Futex.deadline(Futex.SLICE_NANOS));
            }
        } catch (Throwable t) {
            LOG.log(Level.ERROR, "multiprocessing4j: the feeder of " + what + " failed; " + pending
                    + " items put by this process are lost", t);
            cancel();
        } finally {
            synchronized (this) {
                threads--;
                notifyAll();
            }
        }
    }

    private synchronized void hookExit() {
        if (exitHooked || RunDirectory.existing().map(RunDirectory::isRoot).orElse(true)) {
            return;
        }
        exitHooked = true;
        Lifecycle.get().onExit(() -> {
            try {
                awaitFlushed(Futex.FOREVER);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
