package io.github.multiprocessing4j.internal.ipc;

/**
 * The layout of a ring: the body of a shared-memory segment of kind {@value #KIND} that carries
 * the items of a {@code Queue}, {@code JoinableQueue} or {@code SimpleQueue}, or the messages of
 * one direction of a {@code Pipe}. Offsets are from the start of the ring, which is the start
 * of the body, or for the two rings of a duplex pipe, which share a segment, the start of the
 * body and {@code DATA + capacity} bytes after it (a multiple of 64: capacities are).
 *
 * <pre>
 *   0                                                                              32
 *   +------------------------------------------------------------------------------+
 *   | lock: RobustLock (32 bytes), the producers' and the ring's own: appends, the |
 *   | holders, pins and transits, unfinished tasks                                  |
 *   +---------------------------------------+-------------------+------------------+
 *   | capacity: data bytes (long)           | max items         | inline limit     |  32
 *   +---------------------------------------+-------------------+------------------+
 *   | tail: bytes produced since creation (long)                                   |  48
 *   +-------------------+-------------------+-------------------+------------------+
 *   | puts              | unfinished tasks  | put intent: tail (long)              |  56
 *   +-------------------+-------------------+--------------------------------------+
 *   | put intent: puts  | put seq           | put waiters       | done seq         |  72
 *   +-------------------+-------------------+-------------------+------------------+
 *   | done waiters      |                                                          |  88
 *   +-------------------+----------------------------------------------------------+
 *   | take lock: RobustLock (32 bytes), the consumers': removals                   | 128
 *   +---------------------------------------+-------------------+------------------+
 *   | head: bytes consumed since creation   | takes             | take seq         | 160
 *   +-------------------+-------------------+-------------------+------------------+
 *   | take waiters      | take intent: takes| take intent: head (long)             | 176
 *   +-------------------+-------------------+--------------------------------------+
 *   | holders of the receiving end: untracked count, pins, 8 slots (holder, count) | 192
 *   | holders of the sending end:   untracked count, transits, 8 slots              | 328
 *   +------------------------------------------------------------------------------+
 *   | data: capacity bytes of records                                              | 512
 *   +------------------------------------------------------------------------------+
 * </pre>
 *
 * <ul>
 *   <li>Two locks, on cache lines of their own, so that producers and consumers do not take
 *       turns at one lock and one line: a producer copies a record in while a consumer copies
 *       another out. What producers write (tail, puts, put seq) is on the first two lines, what
 *       consumers write (head, takes, take seq) on the third. Where both locks are taken, the
 *       lock comes first.</li>
 *   <li><b>head</b>, <b>tail</b>: positions that only grow; a position's place in the data is
 *       {@code position % capacity}. {@code tail - head} bytes are in use. Only the holder of the
 *       take lock moves the head, only the holder of the lock the tail.</li>
 *   <li><b>puts</b>, <b>takes</b>: records ever added and removed (32-bit, wrapping); the items in
 *       the ring ({@code qsize()}) are {@code puts - takes}. A bounded queue holds at most
 *       <b>max items</b> (0: no bound but the bytes).</li>
 *   <li><b>unfinished</b>: a {@code JoinableQueue}'s tasks put and not yet done.</li>
 *   <li><b>put seq</b> is bumped after a record is added (consumers sleep on it), <b>take
 *       seq</b> after one is removed (producers waiting for room sleep on it), <b>done seq</b>
 *       when unfinished reaches 0 (joiners sleep on it); each has its waiters count for
 *       {@code Futex}. Closing a pipe end bumps both put and take seq, so sleepers re-check.</li>
 *   <li><b>intents</b>: what an add or a removal under way will publish, written before it
 *       publishes (see Robustness).</li>
 *   <li><b>holders</b>: the processes that hold each end of a pipe, see {@link Holders}; a
 *       queue's holders are all in the receiving end's table. Guarded by the lock.</li>
 *   <li><b>pins</b> and <b>transits</b>, used in the segment's first ring only (offset 0): what
 *       keeps its memory while no process holds it, see {@link RingHolds}. Pins count forms sent
 *       where the library does not know who receives them (they keep the memory for the run; -1
 *       marks memory given back), transits forms on their way to processes the library launched.</li>
 * </ul>
 *
 * <h2>Records</h2>
 * Every record starts 8-byte aligned with an 8-byte header: the payload length (int) and the
 * type (int), then the payload, padded to 8 bytes.
 * <pre>
 *   DATA      length | 1 | the item's bytes
 *   BLOB      length | 2 | the item's length (long) and the path of the file holding it (UTF-8)
 *   PAD       length | 3 | nothing: the rest of the data area is unused, the next record is at 0
 * </pre>
 * A DATA or BLOB type with the {@code RAW} flag ({@code 0x10}) carries a {@code byte[]} item as
 * it is, without serialization (a queue's bulk data: one copy in, one copy out).
 * An item longer than the <b>inline limit</b> travels as a BLOB: its bytes in a file of its own
 * in {@code /dev/shm} (written and read with plain file I/O, deleted by the consumer), and only
 * its path in the ring. A bounded queue's inline limit is small enough that {@code max items}
 * records always fit, so a bounded queue runs out of items before it runs out of bytes.
 *
 * <h2>Robustness</h2>
 * A producer writes a record, then the put intent (the tail and puts it is about to publish),
 * then puts, then tail; a consumer copies a record out, then writes the take intent, then takes,
 * then head. A process killed between these steps leaves the counts ahead of the positions; the
 * next process to take that lock (learning that its owner died) finds puts equal to its intent
 * and tail short of it, and publishes the tail (the record was complete), or takes equal to its
 * intent and head short of it, and counts the record back in: a removal interrupted after the
 * copy leaves the item for the others, as one interrupted before it does. Positions only grow,
 * so a head that moved past padding alone is never mistaken for one short of its intent.
 */
public final class RingDescriptor {

    static final String KIND = "ring";

    static final long LOCK = 0;
    static final long CAPACITY = 32;
    static final long MAX_ITEMS = 40;
    static final long INLINE_LIMIT = 44;
    public static final long TAIL = 48;
    static final long PUTS = 56;
    static final long UNFINISHED = 60;
    static final long PUT_INTENT_TAIL = 64;
    static final long PUT_INTENT_PUTS = 72;
    static final long PUT_SEQ = 76;
    static final long PUT_WAITERS = 80;
    static final long DONE_SEQ = 84;
    static final long DONE_WAITERS = 88;
    static final long TAKE_LOCK = 128;
    public static final long HEAD = 160;
    static final long TAKES = 168;
    static final long TAKE_SEQ = 172;
    static final long TAKE_WAITERS = 176;
    static final long TAKE_INTENT_TAKES = 180;
    static final long TAKE_INTENT_HEAD = 184;
    public static final long READERS = 192;
    public static final long WRITERS = READERS + Holders.SIZE;
    /** In the segment's first ring: forms sent to unknown receivers; {@link #FREED} once the memory was given back. */
    static final long PINS = READERS + 4;
    /** In the segment's first ring: forms on their way to processes the library launched. */
    static final long TRANSITS = WRITERS + 4;
    /** {@link #PINS} of a segment whose memory was given back: nothing may attach to it any more. */
    static final int FREED = -1;
    static final long DATA = 512;

    static final int HEADER = 8;
    static final int DATA_RECORD = 1;
    static final int BLOB_RECORD = 2;
    static final int PAD_RECORD = 3;
    /** Type flag: the payload is the item itself, a {@code byte[]} that was not serialized. */
    static final int RAW = 0x10;

    private RingDescriptor() {
    }

    /** @return the bytes a record with {@code payload} bytes takes, header and padding included */
    static long recordSize(long payload) {
        return HEADER + align(payload);
    }

    static long align(long n) {
        return (n + 7) & ~7L;
    }
}
