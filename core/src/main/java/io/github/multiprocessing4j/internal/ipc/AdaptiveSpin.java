package io.github.multiprocessing4j.internal.ipc;

/**
 * How long a receiver spins before it sleeps, learnt from how soon its recent messages came: the
 * spin of a pipe end ({@code RingConnection}).
 *
 * <p>Why adapt: waking a sleeping process costs tens of microseconds on a virtual machine. With a
 * fixed spin shorter than that, two processes exchanging messages settle into a state where each
 * answer arrives just after the other side fell asleep, so every round trip pays two wake-ups
 * (about 60 µs here); a spin long enough to cover one wake-up breaks that state, and then the
 * round trip costs about a microsecond. A long spin for every receiver, though, would burn a core
 * whenever a receiver waits for a slow sender. So:
 * <ul>
 *   <li>a wait that the spin covered ({@code waited <= budget}) moves the budget slowly towards
 *       twice that wait, never below the floor;</li>
 *   <li>a wait that the spin missed but that ended within the ceiling (the receiver slept, and
 *       a longer spin would have caught the message) grows the budget at once to twice the
 *       wait, at most the ceiling;</li>
 *   <li>a longer wait (an idle receiver) sets it back to the floor: an idle receiver spins the
 *       floor, then sleeps.</li>
 * </ul>
 * A receiver therefore spins at most {@code ceiling} per message, and that only while messages
 * keep coming within about that time.
 *
 * <p>Not thread-safe on purpose: the budget is a hint, several threads receiving on one end
 * may overwrite each other's updates harmlessly.
 */
public final class AdaptiveSpin {

    private final long floor;
    private final long ceiling;
    private long budget;

    /**
     * @param floor   the shortest spin, nanoseconds (at most the ceiling)
     * @param ceiling the longest spin, nanoseconds; 0: never spin
     */
    public AdaptiveSpin(long floor, long ceiling) {
        this.ceiling = Math.max(0, ceiling);
        this.floor = Math.clamp(floor, 0, this.ceiling);
        this.budget = this.floor;
    }

    /** @return how long to spin before sleeping, at most {@code left} nanoseconds */
    public long budget(long left) {
        return Math.min(budget, Math.max(0, left));
    }

    /** @return the budget now (tests) */
    public long budget() {
        return budget;
    }

    /** Learns from a wait that lasted {@code waited} nanoseconds until the message came. */
    public void waited(long waited) {
        long b = budget;
        if (waited <= b) {
            b -= (b - Math.min(b, 2 * waited)) / 8;
        } else if (waited <= ceiling) {
            b = Math.min(ceiling, 2 * waited);
        } else {
            b = floor;
        }
        budget = Math.max(floor, b);
    }
}
