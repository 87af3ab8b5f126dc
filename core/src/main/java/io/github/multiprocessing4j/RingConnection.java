package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.ipc.AdaptiveSpin;
import io.github.multiprocessing4j.internal.ipc.Holders;
import io.github.multiprocessing4j.internal.ipc.Item;
import io.github.multiprocessing4j.internal.ipc.QueueCore;
import io.github.multiprocessing4j.internal.ipc.Ring;
import io.github.multiprocessing4j.internal.ipc.RingHolds;
import io.github.multiprocessing4j.internal.ipc.RingDescriptor;

import io.github.multiprocessing4j.internal.shm.Futex;

import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.lang.ref.Cleaner;

/**
 * A {@link Pipe} end: messages travel through shared-memory rings, one per direction, with a
 * brief spin before a receiver sleeps, so that a round trip between two JVMs costs microseconds
 * rather than a socket's tens of them.
 *
 * <h2>Ends and holders</h2>
 * A duplex pipe has rings {@code L→R} and {@code R→L}; the left end sends on the first and
 * receives on the second. A one-way pipe has a single ring, written by the right end and read by
 * the left. Each ring records which processes hold its receiving and its sending end
 * ({@link Holders}); a {@code RingConnection} object counts as one hold from its creation (or
 * arrival in a process) until {@link #close()}, until it is garbage collected unclosed, or until
 * its process ends ({@link RingHolds}). A receiver finding the ring empty and no live sender
 * sees the end of stream; a sender finding no receiver sees a broken pipe. A holder that
 * died is noticed within a tenth of a second ({@link #LIVENESS_NANOS}).
 *
 * <h2>Waiting</h2>
 * A receiver that finds no message spins before it sleeps: {@link #MIN_SPIN_NANOS} at first,
 * longer (up to {@link #SPIN_NANOS}) while its messages keep coming soon after it would have
 * fallen asleep, as in a ping-pong between two processes ({@link AdaptiveSpin}); an idle receiver
 * spins the shortest time, then sleeps until a sender wakes it. A sender makes the wake-up system
 * call only when the receiver sleeps. System property {@code mp4j.pipe.spinNanos} sets the
 * longest spin (a tuning knob: 0 sleeps at once, which may serve a machine with more busy
 * processes than cores).
 *
 * <h2>In transit</h2>
 * Serialized (captured by a lambda a child runs, or put in a queue), an end becomes a
 * {@link ConnectionRef}. Serializing takes an extra hold for the sending process, which the
 * receiving process releases once it holds the end itself, so that the sender may close its
 * copy at once ({@code p.start(); childEnd.close();}) without the end looking abandoned while
 * the child starts. Should the receiving process never deserialize it (a child that fails to
 * start), the extra hold lasts until the sending process exits.
 *
 * <h2>Lifetime</h2>
 * A pipe's rings (one file in {@code /dev/shm}, a mapping in each process that holds an end) are
 * given back when no process holds either end any more and no form of an end is on its way to a
 * process ({@link RingHolds}): an end sent to a child {@code Process} is kept until that child
 * ended, one sent through a queue or a pipe until its receiver has it. An end in a pool task's
 * function or arguments (which a retry may deserialize again) keeps its rings until the run ends.
 */
final class RingConnection extends MessageConnection implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    /** Pipe rings: 1 MiB of data, messages up to half of it inline, longer ones in blobs. */
    static final long CAPACITY = 1 << 20;
    static final int INLINE_LIMIT = (int) (CAPACITY / 2 - 16);
    /** The longest a receiver spins before it sleeps: about two wake-ups of a sleeping process. */
    static final long SPIN_NANOS = Long.getLong("mp4j.pipe.spinNanos", 100_000);
    /** The shortest: what an idle receiver spins. */
    static final long MIN_SPIN_NANOS = 20_000;
    /** How often a waiter checks that the other end's holders still live. */
    static final long LIVENESS_NANOS = 100_000_000L;

    private final transient Ring in;
    private final transient Ring out;
    private final transient String description;
    private final transient Cleaner.Cleanable release;
    /** How long this end's receivers spin before they sleep. */
    private final transient AdaptiveSpin spin = new AdaptiveSpin(MIN_SPIN_NANOS, SPIN_NANOS);
    /** When a receiver may next look at the senders' liveness ({@code /proc} reads): at most every {@link #LIVENESS_NANOS}. */
    private transient volatile long livenessDue = System.nanoTime();

    /** @param attached whether the rings came from {@link RingHolds#attach} (arrived in this process) */
    @SuppressWarnings("this-escape") // the cleaner keeps no strong reference and never calls back
    RingConnection(Ring in, Ring out, String description, boolean attached) {
        super(in != null, out != null);
        this.in = in;
        this.out = out;
        this.description = description;
        this.release = RingHolds.pipeEnd(this, in, out, attached, description);
    }

    /** @return a new pipe: duplex, or one-way with {@code left} receiving */
    public static Pipe pipe(boolean duplex) {
        if (duplex) {
            Ring[] rings = Ring.createMany("a pipe", 2, CAPACITY, 0, INLINE_LIMIT);
            Ring leftToRight = rings[0];
            Ring rightToLeft = rings[1];
            return new Pipe(new RingConnection(rightToLeft, leftToRight, "the left end of a pipe", false),
                    new RingConnection(leftToRight, rightToLeft, "the right end of a pipe", false));
        }
        Ring ring = Ring.create("a one-way pipe", CAPACITY, 0, INLINE_LIMIT);
        return new Pipe(new RingConnection(ring, null, "the receiving end of a one-way pipe", false),
                new RingConnection(null, ring, "the sending end of a one-way pipe", false));
    }

    @Override
    protected void writeMessage(byte[] bytes, int offset, int length) throws IOException {
        byte[] message = offset == 0 && length == bytes.length ? bytes : java.util.Arrays.copyOfRange(bytes, offset, offset + length);
        Item item = out.encode(message);
        boolean sent = false;
        try {
            boolean live = false;
            while (!sent) {
                int seen = 0;
                out.lock(Futex.FOREVER);
                try {
                    if (!Holders.anyHolder(out.memory(), RingDescriptor.READERS, live)) {
                        throw new IOException("broken pipe: no process holds the receiving end of " + description + " any more");
                    }
                    sent = out.tryAppend(item);
                    if (!sent) {
                        // Read after the failure, then once more: a removal before the read makes
                        // the room this attempt finds, one after it wakes the wait below.
                        seen = out.takeSeq();
                        sent = out.tryAppend(item);
                    }
                } finally {
                    out.unlock();
                }
                if (!sent) {
                    live = !out.awaitTake(seen, Futex.deadline(LIVENESS_NANOS));
                    checkOpen();
                }
            }
        } catch (InterruptedException e) {
            throw ProcessException.interrupted("sending on " + description, e);
        } finally {
            if (!sent) {
                item.discard();
            }
        }
        out.signalPut(1);
    }

    @Override
    protected byte[] readMessage(long maxLength) throws IOException {
        Item item;
        try {
            item = take(Futex.FOREVER, true);
        } catch (InterruptedException e) {
            throw ProcessException.interrupted("receiving on " + description, e);
        }
        if (item == null) {
            return null;
        }
        if (item.length() > maxLength) {
            item.discard();
            throw badLength(item.length(), maxLength);
        }
        return item.bytes();
    }

    @Override
    protected boolean awaitReadable(long nanos) throws InterruptedException {
        return take(Futex.deadline(nanos), false) != NONE;
    }

    private static final Item NONE = new Item(new byte[0], null, 0, false);

    /** Under the take lock: the next message (taken when {@code remove}, else {@link #READY}), or {@link #NONE}. */
    private Item next(boolean remove) {
        if (!remove) {
            return in.records() > 0 ? READY : NONE;
        }
        Item item = in.removeFirst();
        return item == null ? NONE : item;
    }
    private static final Item READY = new Item(new byte[0], null, 0, false);

    /**
     * Waits until a message or the end of stream is there, by {@code deadline}.
     *
     * @param remove whether to take the message
     * @return the message (when removing) or {@link #READY}; null at the end of stream;
     *         {@link #NONE} when the deadline passed
     */
    private Item take(long deadline, boolean remove) throws InterruptedException {
        boolean live = System.nanoTime() - livenessDue >= 0;
        long waitedSince = 0; // when this call first found no message, 0 before
        while (true) {
            int seen = 0;
            Item item;
            boolean ended = false;
            if (!in.lockTake(Math.max(deadline, Futex.deadline(QueueCore.LOCK_GRACE_NANOS)))) {
                return NONE;
            }
            try {
                item = next(remove);
                if (item == NONE) {
                    // Senders publish a message, then bump the put seq: one that the second look
                    // misses bumps it after it was read, so the wait below sees it.
                    seen = in.putSeq();
                    item = next(remove);
                }
            } finally {
                in.unlockTake();
            }
            if (item == NONE) {
                // Empty: is any sender left? The holders are the ring's lock's to guard.
                if (!in.lock(Math.max(deadline, Futex.deadline(QueueCore.LOCK_GRACE_NANOS)))) {
                    return NONE;
                }
                try {
                    ended = in.records() == 0 && !Holders.anyHolder(in.memory(), RingDescriptor.WRITERS, live);
                } finally {
                    in.unlock();
                }
                if (live) {
                    livenessDue = System.nanoTime() + LIVENESS_NANOS;
                }
            }
            if (item != NONE) {
                if (remove) {
                    in.signalTake(1);
                }
                if (waitedSince != 0) {
                    spin.waited(System.nanoTime() - waitedSince);
                }
                return item;
            }
            if (ended) {
                return null;
            }
            if (Futex.remaining(deadline) <= 0) {
                return NONE;
            }
            if (waitedSince == 0) {
                waitedSince = System.nanoTime() | 1;
            }
            if (!in.spinUntilPut(seen, spin.budget(Futex.remaining(deadline)))) {
                live = !in.awaitPut(seen, Futex.earlier(deadline, LIVENESS_NANOS));
            }
            checkOpen();
        }
    }

    /** Releases this end's holds: by {@link #close()}, or when the object is garbage collected. */
    @Override
    protected void closeTransport() {
        release.clean();
    }

    /** @return the path of this end's rings' segment, for this package's tests */
    String ringPath() {
        return (in != null ? in : out).path();
    }

    @Override
    protected String describe() {
        return description;
    }

    @Serial
    private Object writeReplace() throws InterruptedException, java.io.InvalidObjectException {
        if (closed()) {
            throw new java.io.InvalidObjectException(description + " is closed: a closed pipe end cannot be sent to another process");
        }
        boolean delivered = RingHolds.sending(rings(), description);
        return new ConnectionRef(in == null ? null : in.path(), in == null ? 0 : in.base(),
                out == null ? null : out.path(), out == null ? 0 : out.base(),
                in != null && RingHolds.register(in, RingDescriptor.READERS), out != null && RingHolds.register(out, RingDescriptor.WRITERS),
                Holders.ME, description, delivered);
    }

    /** @return this end's rings: one, or a duplex pipe's two */
    Ring[] rings() {
        return in == null ? new Ring[] {out} : out == null ? new Ring[] {in} : new Ring[] {in, out};
    }
}
