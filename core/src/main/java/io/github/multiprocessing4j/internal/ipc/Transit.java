package io.github.multiprocessing4j.internal.ipc;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The forms of queues and pipe ends serialized for processes the library launches (a
 * {@code Process}'s target, a pool's initializer): each keeps its segment's memory from its
 * serialization until {@link #release()}, which the launcher calls once those processes have
 * ended, whatever happened to them (see {@link RingHolds}). Forms in a message with exactly one
 * receiver are kept until it arrives instead ({@link #delivering}).
 *
 * <pre>{@code
 * Transit transit = new Transit();
 * byte[] payload = transit.during(() -> serializer.serialize(process, "the target"));
 * ProcessControl control = launch(payload);          // on failure: transit.release()
 * control.end().whenComplete((code, e) -> transit.release());
 * }</pre>
 */
public final class Transit {

    private static final ThreadLocal<Transit> CURRENT = new ThreadLocal<>();
    /** Whether this thread serializes a message that exactly one receiver will deserialize. */
    private static final ThreadLocal<Boolean> DELIVERING = new ThreadLocal<>();

    /** Guarded by {@code this}; null once released. */
    private List<RingHolds.Hold> holds = new ArrayList<>();

    /** @return the transit collecting on this thread, or null */
    static Transit current() {
        return CURRENT.get();
    }

    /**
     * Runs {@code serialization} with this transit collecting what it sends; releases it at once
     * when it fails.
     */
    public <T> T during(Supplier<T> serialization) {
        Transit outer = CURRENT.get();
        CURRENT.set(this);
        try {
            return serialization.get();
        } catch (RuntimeException | Error e) {
            release();
            throw e;
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /**
     * Runs {@code serialization} of a message that exactly one receiver deserializes (a queue's
     * item, a connection's message): the queues and pipe ends in it keep their memory until that
     * receiver has them, and give it back then ({@link RingHolds#arrived}); one never received
     * keeps it for the run.
     */
    public static <T> T delivering(Supplier<T> serialization) {
        if (DELIVERING.get() != null) {
            return serialization.get();
        }
        DELIVERING.set(Boolean.TRUE);
        try {
            return serialization.get();
        } finally {
            DELIVERING.remove();
        }
    }

    /** @return whether this thread serializes a message for exactly one receiver */
    static boolean isDelivering() {
        return DELIVERING.get() != null;
    }

    synchronized void add(RingHolds.Hold hold) {
        if (holds == null) {
            hold.run(); // released already: nothing waits for this form
        } else {
            holds.add(hold);
        }
    }

    /** @return whether nothing was collected (nothing to release) */
    public synchronized boolean isEmpty() {
        return holds == null || holds.isEmpty();
    }

    /** Gives back what the forms kept; idempotent. */
    public void release() {
        List<RingHolds.Hold> taken;
        synchronized (this) {
            taken = holds;
            holds = null;
        }
        if (taken != null) {
            taken.forEach(RingHolds.Hold::run);
        }
    }
}
