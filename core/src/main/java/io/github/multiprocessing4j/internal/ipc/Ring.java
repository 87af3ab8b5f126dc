package io.github.multiprocessing4j.internal.ipc;

import static io.github.multiprocessing4j.internal.ipc.RingDescriptor.*;

import io.github.multiprocessing4j.internal.shm.Futex;
import io.github.multiprocessing4j.internal.shm.RobustLock;
import io.github.multiprocessing4j.internal.shm.Segment;
import io.github.multiprocessing4j.internal.shm.Words;

import java.lang.System.Logger.Level;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * A ring of variable-length records in shared memory ({@link RingDescriptor}), attached by any
 * number of processes: the transport under queues and pipes. This class knows records, the
 * lock and the futex words; the queue and pipe classes build their waiting rules from them.
 *
 * <p>Methods marked "under the lock" must be called between {@link #lock} and {@link #unlock},
 * those marked "under the take lock" between {@link #lockTake} and {@link #unlockTake}.
 */
public final class Ring {

    private static final System.Logger LOG = System.getLogger("io.github.multiprocessing4j");

    private final Segment segment;
    private final long base;
    /** The ring's own memory: a slice of the segment's body, offsets as in {@link RingDescriptor}. */
    private final MemorySegment m;
    private final RobustLock lock;
    private final RobustLock takeLock;
    private final long capacity;
    private final int maxItems;
    private final int inlineLimit;
    /**
     * The head as this process's producers last read it, under the lock: the head only grows,
     * so an old value understates the room, and the head (which consumers write at every
     * removal) is read again only when that room looks too small.
     */
    private long knownHead;
    /** The tail as this process's consumers last read it, under the take lock: the same for them. */
    private long knownTail;

    /**
     * A ring's data takes memory as its records first reach it, in steps of this many bytes: an
     * idle 4 MiB queue ring that held one item took 4.1 MB of {@code /dev/shm} when the whole
     * segment was written at creation, and takes the header and one step now. After the first lap
     * the whole data area is taken; a full {@code /dev/shm} fails the {@code put} that needs more,
     * with a clear error, instead of faulting at a page's first touch.
     */
    static final long GROWTH = 64 * 1024;

    private Ring(Segment segment, long base, String what) {
        this.segment = segment;
        this.base = base;
        MemorySegment body = segment.body();
        long size = base < 0 || base % 64 != 0 || base + DATA > body.byteSize() ? -1 : DATA + Words.getLong(body, base + CAPACITY);
        if (size < DATA || base + size > body.byteSize()) {
            throw new IllegalStateException("no ring at offset " + base + " of " + segment.path());
        }
        this.m = body.asSlice(base, size);
        this.lock = new RobustLock(m, LOCK, "the lock of " + what);
        this.takeLock = new RobustLock(m, TAKE_LOCK, "the take lock of " + what);
        this.capacity = Words.getLong(m, CAPACITY);
        this.maxItems = Words.getInt(m, MAX_ITEMS);
        this.inlineLimit = Words.getInt(m, INLINE_LIMIT);
    }

    /**
     * A ring in a segment of its own.
     *
     * @param capacity    data bytes, a multiple of 8
     * @param maxItems    records at most, 0 for no bound but the bytes
     * @param inlineLimit longest item carried in the ring itself, at most {@code capacity / 2 - 16}
     */
    public static Ring create(String what, long capacity, int maxItems, int inlineLimit) {
        return createMany(what, 1, capacity, maxItems, inlineLimit)[0];
    }

    /**
     * {@code count} rings of the same geometry side by side in one segment (the two directions
     * of a pipe: one file and one mapping instead of two).
     */
    public static Ring[] createMany(String what, int count, long capacity, int maxItems, int inlineLimit) {
        if (capacity % 64 != 0 || inlineLimit > capacity / 2 - 16) {
            throw new IllegalArgumentException("bad ring geometry: capacity " + capacity + ", inline limit " + inlineLimit);
        }
        long stride = DATA + capacity;
        long[] commit = new long[2 * count];
        for (int i = 0; i < count; i++) {
            commit[2 * i] = i * stride;
            commit[2 * i + 1] = DATA + Math.min(capacity, GROWTH);
        }
        Segment segment = Segment.create(KIND, stride * count, commit, body -> {
            for (int i = 0; i < count; i++) {
                Words.setLong(body, i * stride + CAPACITY, capacity);
                Words.setInt(body, i * stride + MAX_ITEMS, maxItems);
                Words.setInt(body, i * stride + INLINE_LIMIT, inlineLimit);
            }
        });
        Ring[] rings = new Ring[count];
        for (int i = 0; i < count; i++) {
            rings[i] = new Ring(segment, i * stride, what);
        }
        return rings;
    }

    /** Attaches to the ring at {@code base} of the segment at {@code path}. */
    public static Ring attach(String path, long base, String what) {
        return new Ring(Segment.attach(path, KIND), base, what);
    }

    /** @return the path of the ring's segment */
    public String path() {
        return segment.path();
    }

    /** Deletes the ring's segment file: no process can attach to it afterwards (see {@link Segment#unlink}). */
    public void unlinkSegment() {
        segment.unlink();
    }

    /** Unmaps this process's mapping of the ring's segment (see {@link Segment#unmap}). */
    public void unmap() {
        segment.unmap();
    }

    /** @return where the ring starts in its segment's body */
    public long base() {
        return base;
    }

    public MemorySegment memory() {
        return m;
    }

    public int maxItems() {
        return maxItems;
    }

    // ---- items -----------------------------------------------------------------------------

    /** Makes the ring's form of serialized bytes: inline, or written to a blob file (in the caller's thread). */
    public Item encode(byte[] bytes) {
        return Item.of(bytes, false, inlineLimit, segment.path());
    }

    /** Makes the ring's form of a {@code byte[]} item that travels as it is, unserialized. */
    Item encodeRaw(byte[] item) {
        return Item.of(item, true, inlineLimit, segment.path());
    }

    // ---- the lock --------------------------------------------------------------------------

    /**
     * Takes the ring's lock, the producers' and the one guarding the holders (see {@link
     * RingDescriptor}), by {@code deadline}; after a holder died, repairs an add it left half done first.
     *
     * @return false when the deadline passed
     */
    public boolean lock(long deadline) throws InterruptedException {
        if (!lock.acquire(deadline)) {
            return false;
        }
        if (lock.ownerDied()) {
            repair();
        }
        return true;
    }

    /**
     * Takes the ring's lock, waiting as long as it takes; an interrupt does not stop the wait
     * (the flag is kept for after): for work that must happen once it was promised.
     */
    public void lockUninterruptibly() {
        boolean interrupted = false;
        while (true) {
            try {
                lock(Futex.FOREVER);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    public void unlock() {
        lock.release();
    }

    /**
     * Takes the ring's take lock, the consumers' (see {@link RingDescriptor}), by {@code deadline};
     * after a holder died, repairs a removal it left half done first.
     *
     * @return false when the deadline passed
     */
    public boolean lockTake(long deadline) throws InterruptedException {
        if (!takeLock.acquire(deadline)) {
            return false;
        }
        if (takeLock.ownerDied()) {
            repairTake();
        }
        return true;
    }

    public void unlockTake() {
        takeLock.release();
    }

    // ---- records (under the lock) ----------------------------------------------------------

    /**
     * @return the records in the ring. Needs no lock: a snapshot, in which a record being added
     *         may count already, and one being removed may count no more
     */
    public int records() {
        int takes = Words.getInt(m, TAKES); // first: then puts - takes is never below 0
        return Words.getInt(m, PUTS) - takes;
    }

    /** @return whether a bounded ring holds its maximum of records */
    boolean atMaxItems() {
        return maxItems > 0 && records() >= maxItems;
    }

    /** Under the lock: appends {@code item} if there is room for it, in items and bytes. */
    public boolean tryAppend(Item item) {
        if (atMaxItems()) {
            return false;
        }
        long tail = Words.getLong(m, TAIL);
        long need = recordSize(item.payload());
        long pos = tail % capacity;
        long pad = capacity - pos < need ? capacity - pos : 0;
        if (capacity - (tail - knownHead) < pad + need) {
            knownHead = Words.getLong(m, HEAD);
            if (capacity - (tail - knownHead) < pad + need) {
                return false;
            }
        }
        grow(tail, pad > 0 ? capacity : pos + need);
        if (pad > 0) {
            writeHeader(pos, (int) (pad - HEADER), PAD_RECORD);
            pos = 0;
        }
        long at = DATA + pos + HEADER;
        if (item.inline() != null) {
            MemorySegment.copy(item.inline(), 0, m, ValueLayout.JAVA_BYTE, at, item.inline().length);
            writeHeader(pos, item.inline().length, DATA_RECORD | (item.raw() ? RAW : 0));
        } else if (item.offHeap() != null) {
            MemorySegment.copy(item.offHeap(), 0, m, at, item.length());
            writeHeader(pos, (int) item.length(), DATA_RECORD | (item.raw() ? RAW : 0));
        } else {
            byte[] path = item.blob().getBytes(StandardCharsets.UTF_8);
            m.set(ValueLayout.JAVA_LONG_UNALIGNED, at, item.length());
            MemorySegment.copy(path, 0, m, ValueLayout.JAVA_BYTE, at + 8, path.length);
            writeHeader(pos, 8 + path.length, BLOB_RECORD | (item.raw() ? RAW : 0));
        }
        // In this order (see Robustness): the intent, then puts, then the tail, which consumers
        // read under their own lock: its release store publishes the record to them.
        long newTail = tail + pad + need;
        int puts = Words.getInt(m, PUTS) + 1;
        Words.setLong(m, PUT_INTENT_TAIL, newTail);
        Words.setInt(m, PUT_INTENT_PUTS, puts);
        Words.setIntRelease(m, PUTS, puts);
        Words.setLongRelease(m, TAIL, newTail);
        return true;
    }

    /**
     * Under the lock: makes sure the data up to {@code end} has its memory before a record is
     * written there. Everything below {@code tail} rounded up to {@link #GROWTH} (or the first
     * step) has it already, and in the first lap nothing above {@code tail} holds a record, so
     * taking more never overwrites one; after the first lap ({@code tail >= capacity}) all of it does.
     */
    private void grow(long tail, long end) {
        if (tail >= capacity) {
            return;
        }
        long taken = Math.min(capacity, Math.max(GROWTH, (tail + GROWTH - 1) / GROWTH * GROWTH));
        if (end > taken) {
            long upTo = Math.min(capacity, (end + GROWTH - 1) / GROWTH * GROWTH);
            segment.commit(base + DATA + taken, upTo - taken);
        }
    }

    /** Under the take lock: removes and returns the oldest record, or null when there is none. */
    public Item removeFirst() {
        return removeFirst(null);
    }

    /**
     * Under the take lock: removes and returns the oldest record, or null when there is none.
     *
     * @param spare an array to copy the record's bytes into if it has exactly their length (made
     *              before taking the lock, after {@link #peekFirstLength}), or null
     */
    public Item removeFirst(byte[] spare) {
        long head = Words.getLong(m, HEAD);
        long tail = knownTail;
        while (true) {
            if (head >= tail) { // records below a tail once read are complete: read it again only here
                tail = knownTail = Words.getLong(m, TAIL);
                if (head == tail) {
                    break;
                }
            }
            long pos = head % capacity;
            int length = m.get(ValueLayout.JAVA_INT, DATA + pos);
            int type = m.get(ValueLayout.JAVA_INT, DATA + pos + 4);
            long at = DATA + pos + HEADER;
            Item item;
            boolean raw = (type & RAW) != 0;
            switch (type & ~RAW) {
                case PAD_RECORD -> {
                    head += HEADER + length;
                    continue;
                }
                case DATA_RECORD -> {
                    byte[] bytes = spare != null && spare.length == length ? spare : new byte[length];
                    MemorySegment.copy(m, ValueLayout.JAVA_BYTE, at, bytes, 0, length);
                    item = new Item(bytes, null, length, raw);
                }
                case BLOB_RECORD -> {
                    long size = m.get(ValueLayout.JAVA_LONG_UNALIGNED, at);
                    byte[] path = new byte[length - 8];
                    MemorySegment.copy(m, ValueLayout.JAVA_BYTE, at + 8, path, 0, path.length);
                    item = new Item(null, new String(path, StandardCharsets.UTF_8), size, raw);
                }
                default -> throw new IllegalStateException("corrupt ring " + segment.path() + ": record type " + type + " at " + head);
            }
            // In this order (see Robustness); the head's release store gives the bytes back to producers.
            long newHead = head + recordSize(length);
            int takes = Words.getInt(m, TAKES) + 1;
            Words.setInt(m, TAKE_INTENT_TAKES, takes);
            Words.setLong(m, TAKE_INTENT_HEAD, newHead);
            Words.setIntRelease(m, TAKES, takes);
            Words.setLongRelease(m, HEAD, newHead);
            return item;
        }
        if (Words.getLong(m, HEAD) != head) {
            Words.setLongRelease(m, HEAD, head); // only padding was left
        }
        return null;
    }

    /**
     * Without the lock: the length of the oldest record's bytes if it is a DATA record, else -1.
     * A guess (another process may take the record meanwhile, or be writing the ring), good for
     * allocating the array the bytes will be copied into before taking the lock, so that
     * zeroing a large array does not hold the lock.
     */
    int peekFirstLength() {
        long head = Words.getLong(m, HEAD);
        for (int records = 0; records < 2 && head != Words.getLong(m, TAIL); records++) {
            long pos = head % capacity;
            int length = m.get(ValueLayout.JAVA_INT, DATA + pos);
            int type = m.get(ValueLayout.JAVA_INT, DATA + pos + 4);
            if (length < 0 || length > capacity - pos - HEADER) {
                return -1; // torn by a writer
            }
            if ((type & ~RAW) == DATA_RECORD) {
                return length;
            }
            if (type != PAD_RECORD) {
                return -1;
            }
            head += HEADER + length;
        }
        return -1;
    }

    private void writeHeader(long pos, int length, int type) {
        m.set(ValueLayout.JAVA_INT, DATA + pos + 4, type);
        m.set(ValueLayout.JAVA_INT, DATA + pos, length);
    }

    /**
     * After a producer died holding the lock: publishes the record it had counted but not yet
     * published (see Robustness in {@link RingDescriptor}).
     */
    private void repair() {
        long tail = Words.getLong(m, TAIL);
        long intended = Words.getLong(m, PUT_INTENT_TAIL);
        if (Words.getInt(m, PUTS) == Words.getInt(m, PUT_INTENT_PUTS) && tail < intended) {
            LOG.log(Level.WARNING, "multiprocessing4j: repaired " + segment.path() + " after a process died adding to it:"
                    + " published the item it had written (tail " + tail + " became " + intended + ")");
            Words.setLongRelease(m, TAIL, intended);
        }
    }

    /**
     * After a consumer died holding the take lock: counts back in the record it had counted as
     * taken but whose bytes it had not given back, so that another consumer takes it.
     */
    private void repairTake() {
        int takes = Words.getInt(m, TAKES);
        if (takes == Words.getInt(m, TAKE_INTENT_TAKES) && Words.getLong(m, HEAD) < Words.getLong(m, TAKE_INTENT_HEAD)) {
            LOG.log(Level.WARNING, "multiprocessing4j: repaired " + segment.path() + " after a process died taking from it:"
                    + " the item it was taking stays for the others (takes " + takes + " became " + (takes - 1) + ")");
            Words.setIntRelease(m, TAKES, takes - 1);
        }
    }

    // ---- the joinable count (under the lock) -----------------------------------------------

    int unfinished() {
        return Words.getInt(m, UNFINISHED);
    }

    void unfinished(int value) {
        Words.setInt(m, UNFINISHED, value);
        if (value == 0) {
            Words.getAndAddInt(m, DONE_SEQ, 1);
        }
    }

    // ---- waiting and waking (without the lock) ---------------------------------------------

    public int putSeq() {
        return Words.getInt(m, PUT_SEQ);
    }

    public int takeSeq() {
        return Words.getInt(m, TAKE_SEQ);
    }

    int doneSeq() {
        return Words.getInt(m, DONE_SEQ);
    }

    /** Spin-waits (some 30 ns each) before a spinning receiver starts yielding its core. */
    private static final int PURE_SPINS = 128;

    /**
     * Spins up to {@code nanos} until a record is added after {@code seen}: the first few
     * microseconds on the processor (a peer with a core of its own answers within them), then
     * yielding it about every microsecond, since on a machine with more runnable threads than
     * cores the sender may well be waiting for this very core (two ping-pong processes placed on
     * one core otherwise took turns spinning, each message waiting out the other's spin). With a
     * core to itself, a yield returns at once. A receiver spins before {@link #awaitPut}, for as
     * long as its {@link AdaptiveSpin} says.
     *
     * @return whether a record came
     */
    public boolean spinUntilPut(int seen, long nanos) {
        return spinWhile(PUT_SEQ, seen, nanos);
    }

    /** As {@link #spinUntilPut}, until a record is removed: a producer waiting for room, before {@link #awaitTake}. */
    boolean spinUntilTake(int seen, long nanos) {
        return spinWhile(TAKE_SEQ, seen, nanos);
    }

    private boolean spinWhile(long word, int seen, long nanos) {
        if (nanos <= 0) {
            return false;
        }
        long end = System.nanoTime() + nanos;
        for (int i = 1; Words.getInt(m, word) == seen; i++) {
            if ((i & 31) == 0) {
                if (System.nanoTime() - end > 0) {
                    return false;
                }
                if (i >= PURE_SPINS) {
                    Thread.yield();
                }
            } else {
                Thread.onSpinWait();
            }
        }
        return true;
    }

    /** Waits for a record to be added after {@code seen} was read. */
    public boolean awaitPut(int seen, long deadline) throws InterruptedException {
        return Futex.await(m, PUT_SEQ, PUT_WAITERS, seen, deadline);
    }

    /** Waits for a record to be removed (room to be made) after {@code seen} was read. */
    public boolean awaitTake(int seen, long deadline) throws InterruptedException {
        return Futex.await(m, TAKE_SEQ, TAKE_WAITERS, seen, deadline);
    }

    /** Waits for the unfinished count to reach zero after {@code seen} was read. */
    boolean awaitDone(int seen, long deadline) throws InterruptedException {
        return Futex.await(m, DONE_SEQ, DONE_WAITERS, seen, deadline);
    }

    /**
     * Tells consumers records were added (or an end closed).
     *
     * @param wake how many sleepers to wake: 1 for one new record (a sleeper woken in vain, or
     *             one that leaves without taking, costs the others at most a futex slice, since
     *             the sequence word has changed), {@link Integer#MAX_VALUE} for a change all must see
     */
    public void signalPut(int wake) {
        Words.getAndAddInt(m, PUT_SEQ, 1);
        Futex.wake(m, PUT_SEQ, PUT_WAITERS, wake);
    }

    /** Tells producers room was made (or an end closed); {@code wake} as for {@link #signalPut}. */
    public void signalTake(int wake) {
        Words.getAndAddInt(m, TAKE_SEQ, 1);
        Futex.wake(m, TAKE_SEQ, TAKE_WAITERS, wake);
    }

    /** Wakes joiners; call after {@link #unfinished(int)} set 0. */
    void signalDone() {
        Futex.wake(m, DONE_SEQ, DONE_WAITERS, Integer.MAX_VALUE);
    }
}
