package io.github.multiprocessing4j.internal.ipc;

import io.github.multiprocessing4j.internal.shm.Liveness;
import io.github.multiprocessing4j.internal.shm.Words;

import java.lang.foreign.MemorySegment;

/**
 * Which processes hold one end of a pipe or a queue: a table in a ring's body, so that a pipe's
 * reader can tell "no message yet" from "no sender left" (end of stream), and a sender "no room
 * yet" from "no reader left" (broken pipe), even when the other end's holders died without
 * closing; and so that the ring's memory is given back when no process holds it ({@link RingHolds}).
 *
 * <pre>
 *   0                   4                   8
 *   +-------------------+-------------------+
 *   | untracked         | (see below)       |
 *   +-------------------+-------------------+---------------------------------------+
 *   | slot 0: holder (long: start stamp &lt;&lt; 32 | pid) | count (int)  | (reserved)  |  8
 *   | ... 8 slots of 16 bytes                                                     |
 *   +-----------------------------------------------------------------------------+ 136
 * </pre>
 * A process that holds the end registers once per {@code Connection} object (the count) in a
 * slot of its own; a ninth process counts in <b>untracked</b>, which can never be found dead, so
 * an overflow only delays the end of stream, never invents one. Slots whose holder died are
 * freed by whoever finds them dead. Every method runs under the ring's lock.
 *
 * <p>The int after <b>untracked</b> is not the table's: the segment's first ring keeps its pins
 * and transits there ({@link RingDescriptor#PINS}, {@link RingDescriptor#TRANSITS}).
 */
public final class Holders {

    static final int SIZE = 8 + 8 * 16;
    private static final int SLOTS = 8;
    private static final long UNTRACKED = 0;
    private static final long FIRST = 8;
    /** This process, as a holder. */
    public static final long ME = (long) Liveness.myStamp() << 32 | (Liveness.myPid() & 0xFFFFFFFFL);

    private Holders() {
    }

    /** Counts one more holder in this process; returns false when it went to the untracked count. */
    static boolean register(MemorySegment m, long table) {
        long free = -1;
        for (int i = 0; i < SLOTS; i++) {
            long slot = table + FIRST + 16L * i;
            long holder = Words.getLong(m, slot);
            if (holder == ME) {
                Words.setInt(m, slot + 8, Words.getInt(m, slot + 8) + 1);
                return true;
            }
            if (holder == 0 && free < 0) {
                free = slot;
            }
        }
        if (free >= 0) {
            Words.setInt(m, free + 8, 1);
            Words.setLong(m, free, ME);
            return true;
        }
        Words.setInt(m, table + UNTRACKED, Words.getInt(m, table + UNTRACKED) + 1);
        return false;
    }

    /** Removes one holder of this process, as {@link #register} counted it. */
    static void unregister(MemorySegment m, long table, boolean tracked) {
        release(m, table, ME, tracked);
    }

    /**
     * Removes one hold of process {@code holder}: the hold a sending process took on behalf of
     * a connection in transit, released by the process that received it. Nothing happens when
     * the holder's slot is gone (it died and was cleared).
     */
    static void release(MemorySegment m, long table, long holder, boolean tracked) {
        if (!tracked) {
            Words.setInt(m, table + UNTRACKED, Math.max(0, Words.getInt(m, table + UNTRACKED) - 1));
            return;
        }
        for (int i = 0; i < SLOTS; i++) {
            long slot = table + FIRST + 16L * i;
            if (Words.getLong(m, slot) == holder) {
                int count = Words.getInt(m, slot + 8) - 1;
                Words.setInt(m, slot + 8, Math.max(0, count));
                if (count <= 0) {
                    Words.setLong(m, slot, 0);
                }
                return;
            }
        }
    }

    /**
     * @param checkLiveness whether to look at the processes (costly: {@code /proc}); when false,
     *                      any registered holder counts
     * @return whether some process, possibly alive, holds the end
     */
    public static boolean anyHolder(MemorySegment m, long table, boolean checkLiveness) {
        if (Words.getInt(m, table + UNTRACKED) > 0) {
            return true;
        }
        boolean any = false;
        for (int i = 0; i < SLOTS; i++) {
            long slot = table + FIRST + 16L * i;
            long holder = Words.getLong(m, slot);
            if (holder == 0) {
                continue;
            }
            if (!checkLiveness || !Liveness.isDead((int) holder, (int) (holder >>> 32))) {
                any = true;
            } else {
                Words.setInt(m, slot + 8, 0);
                Words.setLong(m, slot, 0);
            }
        }
        return any;
    }
}
