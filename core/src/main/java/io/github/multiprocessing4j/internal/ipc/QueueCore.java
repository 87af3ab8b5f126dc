package io.github.multiprocessing4j.internal.ipc;


import io.github.multiprocessing4j.internal.serial.CompactSerializer;
import io.github.multiprocessing4j.internal.shm.Futex;

/**
 * A queue's behaviour on serialized items, shared by {@code SharedQueue} and
 * {@code SharedSimpleQueue}: putting with or without waiting, getting, counting, and the
 * joinable count. One object per queue per process; the ring is shared.
 *
 * <p>Three geometries ({@link #create}): a bounded queue's ring always has the bytes for its
 * {@code maxsize} items, so {@code put} waits only for an item to leave; an unbounded queue
 * spills to a {@link Feeder} when its ring is out of bytes, so {@code put} never waits; a simple
 * queue (and nothing else) waits for bytes.
 */
public final class QueueCore {

    /** The longest an operation that must not wait ("nowait") waits for the ring's lock. */
    public static final long LOCK_GRACE_NANOS = 50_000_000L;
    /** The largest {@code maxsize}: a bounded ring reserves at least 256 bytes per item, and stays under 1 GiB. */
    static final int MAX_MAXSIZE = 4_000_000;
    private static final int MIN_RECORD = 256;

    /** The longest a consumer spins before it sleeps, as a pipe's receiver ({@link AdaptiveSpin}). */
    static final long SPIN_NANOS = Long.getLong("mp4j.queue.spinNanos", 100_000);
    static final long MIN_SPIN_NANOS = 20_000;

    private final Ring ring;
    private final Feeder feeder;
    /** How long this process's consumers spin before they sleep. */
    private final AdaptiveSpin spin = new AdaptiveSpin(MIN_SPIN_NANOS, SPIN_NANOS);
    /** How long this process's producers spin for room before they sleep. */
    private final AdaptiveSpin roomSpin = new AdaptiveSpin(MIN_SPIN_NANOS, SPIN_NANOS);
    private final String what;
    /**
     * Whether the last item this process took was large: then {@code get} guesses the next one's
     * length before locking ({@link #spareFor}). Racy on purpose: a wrong guess costs an array.
     */
    private boolean takesLarge;

    public QueueCore(Ring ring, boolean spill, String what) {
        this.ring = ring;
        this.what = what;
        this.feeder = spill ? new Feeder(ring, what) : null;
    }

    /**
     * A new queue's core and its ring.
     *
     * @param maxsize items at most; 0 for unbounded
     * @param simple  whether {@code put} waits for bytes rather than spilling (SimpleQueue)
     * @param what    what the queue is, for messages
     * @return the core
     */
    public static QueueCore create(int maxsize, boolean simple, String what) {
        return new QueueCore(newRing(maxsize, simple, what), maxsize == 0 && !simple, what);
    }

    private static Ring newRing(int maxsize, boolean simple, String what) {
        if (maxsize < 0) {
            throw new IllegalArgumentException("maxsize cannot be negative: " + maxsize + " (0 means unbounded)");
        }
        if (maxsize > MAX_MAXSIZE) {
            throw new IllegalArgumentException("maxsize " + maxsize + " is above the largest supported, " + MAX_MAXSIZE
                    + ": use 0 for an unbounded queue");
        }
        if (maxsize == 0) {
            // Unbounded: items up to half the ring inline (copying through the ring is several
            // times faster than a blob file); a full ring makes put spill (Queue) or wait (SimpleQueue).
            long capacity = simple ? 1 << 20 : 4 << 20;
            return Ring.create(what, capacity, 0, (int) (capacity / 2 - 16));
        }
        // 4 KiB of ring per item, between 1 and 16 MiB in all; at least MIN_RECORD per item, so
        // that a blob's record always fits; an item over its share travels as a blob.
        long capacity = Math.clamp((maxsize + 1) * 4096L, 1 << 20, 16 << 20);
        long perItem = Math.min(64 * 1024 + 8, capacity / (maxsize + 1)) & ~7L;
        if (perItem < MIN_RECORD) {
            perItem = MIN_RECORD;
            capacity = perItem * (maxsize + 1);
        }
        return Ring.create(what, capacity, maxsize, (int) (perItem - RingDescriptor.HEADER));
    }

    public Ring ring() {
        return ring;
    }

    /** @return the feeder of this process's items that wait for room (an unbounded queue's), or null */
    Feeder feeder() {
        return feeder;
    }

    /**
     * Makes an item's ring form, in the caller's thread: a {@code byte[]} travels as it is, anything
     * else serialized.
     *
     * @param what what the value is, for the error message when it cannot be serialized
     * @throws IllegalArgumentException when the value cannot be serialized
     */
    public Item encode(Object value, String what) {
        return value instanceof byte[] bytes ? ring.encodeRaw(bytes)
                : ring.encode(Transit.delivering(() -> CompactSerializer.INSTANCE.serialize(value, what))); // taken by one get
    }


    /**
     * Puts an item made by {@link #encode}; when it is not put, its blob is deleted.
     *
     * <p>An unbounded queue whose ring has no room (or whose feeder still holds items of this
     * process) buffers a copy of the item in the feeder; the copy ({@link Spill#copy}) is made
     * with the ring unlocked, so that consumers keep taking meanwhile. Before copying a large
     * item aside, {@code put} waits for room as long as the copy would take at most
     * ({@link Spill#graceNanos}): a consumer that is taking items usually makes room sooner, and
     * then the item costs one copy instead of three and no memory. The wait is bounded by the
     * item's size, never by what consumers do, so {@code put} on an unbounded queue still never
     * waits for a consumer.
     *
     * @param nowait   whether to give up at once when there is no room
     * @param deadline when to give up waiting for room
     * @return false when there was no room in time (the item was not put)
     */
    public boolean put(Item item, boolean nowait, long deadline, boolean joinable) throws InterruptedException {
        boolean put = false;
        try (Hold hold = new Hold(nowait ? Futex.deadline(LOCK_GRACE_NANOS) : deadline)) {
            put = feeder == null ? putOrWait(hold, item, nowait, deadline) : putOrBuffer(hold, item, nowait, deadline);
            if (put && joinable) {
                ring.unfinished(ring.unfinished() + 1); // still under the lock
            }
        } finally {
            if (!put) {
                item.discard();
            }
        }
        return put;
    }

    /**
     * A bounded queue or a SimpleQueue: the item goes into the ring, waiting for room until the
     * deadline (not at all with {@code nowait}). Returns with the lock held when the item was put.
     */
    private boolean putOrWait(Hold hold, Item item, boolean nowait, long deadline) throws InterruptedException {
        if (!hold.take()) {
            return false;
        }
        while (!hold.tryAppend(item)) {
            if (nowait || !hold.awaitRoom(deadline) || !hold.take()) {
                return false;
            }
        }
        hold.added(1);
        return true;
    }

    /**
     * An unbounded Queue, which never waits for a consumer: the item goes into the ring when it
     * has room and this process's feeder holds nothing (items keep their order), else to the
     * feeder, which moves it into the ring later. In four steps:
     * <ol>
     *   <li>append when there is room (after moving the feeder's items, if any, that fit);</li>
     *   <li>a large item waits for room and for the feeder to empty a little: as long as copying it
     *       aside would take ({@link Spill#graceNanos}, measured), so that waiting never makes
     *       {@code put} slower; a consumer taking items usually makes room sooner, and then the
     *       item costs one copy and no memory. Without this step a producer that outran its
     *       consumer once copied every later item aside, into memory that had to be faulted in:
     *       1 MiB items went at 0.2-0.7 GB/s instead of 2-5;</li>
     *   <li>an item the caller may still change is copied aside ({@link Spill#copy}) with the
     *       ring unlocked, so consumers keep taking meanwhile, and step 1 is tried again;</li>
     *   <li>the item (or its copy) is buffered in the feeder.</li>
     * </ol>
     * Returns with the lock held when the item was put.
     */
    private boolean putOrBuffer(Hold hold, Item item, boolean nowait, long deadline) throws InterruptedException {
        if (!hold.take()) {
            return false;
        }
        if (appendInOrder(hold, item)) {
            return true;
        }
        if (!nowait && Spill.isLarge(item)) {
            long grace = Futex.sooner(deadline, Futex.deadline(Spill.graceNanos(item)));
            while (Futex.remaining(grace) > 0) {
                if (!hold.awaitRoom(grace) && Futex.remaining(grace) <= 0 || !hold.take()) {
                    break;
                }
                if (appendInOrder(hold, item)) {
                    return true;
                }
            }
            if (!hold.held() && !hold.take()) {
                return false;
            }
        }
        Item buffered = item;
        if (Spill.needsCopy(item)) {
            hold.release();
            buffered = Spill.copy(item);
            if (!hold.take()) {
                Spill.free(buffered);
                return false;
            }
            if (appendInOrder(hold, buffered)) {
                Spill.free(buffered);
                return true;
            }
        }
        feeder.buffer(buffered);
        hold.afterRelease(feeder::startIfNeeded);
        return true;
    }

    /**
     * Moves the feeder's items that fit into the ring, then appends {@code item} when the ring
     * has room and the feeder holds nothing more (items keep their order).
     */
    private boolean appendInOrder(Hold hold, Item item) {
        if (moveAndAppend(hold, item)) {
            return true;
        }
        hold.noteTakes(); // after the failure, then once more: see Hold.noteTakes
        return moveAndAppend(hold, item);
    }

    private boolean moveAndAppend(Hold hold, Item item) {
        int moved = feeder.moveBuffered();
        boolean appended = !feeder.holdsItems() && ring.tryAppend(item);
        hold.added(moved + (appended ? 1 : 0));
        return appended;
    }

    /**
     * The ring's lock as one {@code put} holds it: taken, let go while waiting for room, given
     * back at the end; the records added meanwhile are signalled to consumers each time it is
     * let go, and one more action may follow the end (starting the feeder).
     */
    private final class Hold implements AutoCloseable {
        private final long lockDeadline;
        private boolean held;
        /** Records added under the lock now held, not signalled yet. */
        private int added;
        /** The take seq read before the last attempt to append: what {@link #awaitRoom} waits to change. */
        private int takesSeen;
        private Runnable then;

        Hold(long lockDeadline) {
            this.lockDeadline = lockDeadline;
        }

        /** @return whether the lock was taken before the lock deadline */
        boolean take() throws InterruptedException {
            held = ring.lock(lockDeadline);
            return held;
        }

        boolean held() {
            return held;
        }

        /** Under the lock: {@code records} were added, to be signalled once the lock is let go. */
        void added(int records) {
            added += records;
        }

        void release() {
            if (held) {
                ring.unlock();
                held = false;
            }
            if (added > 0) {
                ring.signalPut(added);
                added = 0;
            }
        }

        /**
         * Reads the take seq after an attempt to append failed; one more attempt must follow
         * before {@link #awaitRoom}. Consumers take under a lock of their own, so one may make
         * room between the failed attempt and the wait: the attempt after the read finds that
         * room, and a removal after the read changes the seq the wait watches (a producer that
         * read it after its last attempt once slept for good on an empty queue). Read only on
         * failure: the seq is on the consumers' cache line, which a put need not touch otherwise.
         */
        void noteTakes() {
            takesSeen = ring.takeSeq();
        }

        /** Under the lock: appends {@code item}, or {@link #noteTakes} and tries once more. */
        boolean tryAppend(Item item) {
            if (ring.tryAppend(item)) {
                return true;
            }
            noteTakes();
            return ring.tryAppend(item);
        }

        /**
         * Lets the lock go and waits until a consumer takes an item after {@link #noteTakes};
         * @return whether one did in time.
         */
        boolean awaitRoom(long until) throws InterruptedException {
            int seen = takesSeen;
            release();
            long since = System.nanoTime();
            boolean room = ring.spinUntilTake(seen, roomSpin.budget(Futex.remaining(until))) || ring.awaitTake(seen, until);
            if (room) {
                roomSpin.waited(System.nanoTime() - since);
            }
            return room;
        }

        /** @param action what to do once the lock is given back at the end */
        void afterRelease(Runnable action) {
            then = action;
        }

        @Override
        public void close() {
            release();
            if (then != null) {
                then.run();
            }
        }
    }

    /**
     * Takes the oldest item.
     *
     * @return the item (see {@link #value}), or null when none came in time
     */
    public Item get(boolean nowait, long deadline) throws InterruptedException {
        Item item = null;
        boolean locked = false;
        long waitedSince = 0; // when this call first found no item, 0 before
        try {
            byte[] spare = takesLarge ? spareFor(ring.peekFirstLength()) : null;
            if (!ring.lockTake(nowait ? Futex.deadline(LOCK_GRACE_NANOS) : deadline)) {
                return null;
            }
            locked = true;
            while ((item = ring.removeFirst(spare)) == null) {
                // Producers publish a record, then bump the put seq: a record that the look
                // after reading the seq misses bumps it later, so the wait below sees it.
                int seen = ring.putSeq();
                if ((item = ring.removeFirst(spare)) != null) {
                    break;
                }
                ring.unlockTake();
                locked = false;
                if (nowait) {
                    return null;
                }
                if (waitedSince == 0) {
                    waitedSince = System.nanoTime() | 1;
                }
                if (!ring.spinUntilPut(seen, spin.budget(Futex.remaining(deadline))) && !ring.awaitPut(seen, deadline)) {
                    return null;
                }
                spare = spareFor(ring.peekFirstLength());
                if (!ring.lockTake(deadline)) {
                    return null;
                }
                locked = true;
            }
        } finally {
            if (locked) {
                ring.unlockTake();
            }
        }
        takesLarge = item.length() >= Spill.LARGE;
        ring.signalTake(1);
        if (waitedSince != 0) {
            spin.waited(System.nanoTime() - waitedSince);
        }
        return item;
    }

    /**
     * @param length the guessed length of the next item ({@link Ring#peekFirstLength})
     * @return an array for it if it is large, allocated (and zeroed) without the ring's lock
     */
    private static byte[] spareFor(int length) {
        return length >= Spill.LARGE ? new byte[length] : null;
    }

    /**
     * @return the items in the ring plus those this process's feeder still holds
     * @throws InterruptedException when interrupted while waiting for the ring's lock
     */
    public int qsize() throws InterruptedException {
        if (feeder == null || feeder.pending() == 0) {
            return ring.records();
        }
        ring.lock(Futex.FOREVER); // the feeder moves items from one count to the other under the lock
        try {
            return ring.records() + feeder.pending();
        } finally {
            ring.unlock();
        }
    }

    public boolean full() {
        return ring.atMaxItems();
    }

    public void taskDone() throws InterruptedException {
        ring.lock(Futex.FOREVER);
        int left;
        try {
            left = ring.unfinished() - 1;
            if (left < 0) {
                throw new IllegalStateException("taskDone() called too many times: more than items were put in " + what);
            }
            ring.unfinished(left);
        } finally {
            ring.unlock();
        }
        if (left == 0) {
            ring.signalDone();
        }
    }

    /** @return false when tasks were still unfinished at {@code deadline} */
    public boolean join(long deadline) throws InterruptedException {
        while (true) {
            int seen = ring.doneSeq();
            if (ring.unfinished() == 0) {
                return true;
            }
            if (!ring.awaitDone(seen, deadline)) {
                return ring.unfinished() == 0;
            }
        }
    }

    /** @return false when the feeder still held items at {@code deadline} */
    public boolean flush(long deadline) throws InterruptedException {
        return feeder == null || feeder.awaitFlushed(deadline);
    }

    public void cancelFlush() {
        if (feeder != null) {
            feeder.cancel();
        }
    }
}
