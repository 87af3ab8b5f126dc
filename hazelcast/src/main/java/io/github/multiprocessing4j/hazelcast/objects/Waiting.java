package io.github.multiprocessing4j.hazelcast.objects;

import io.github.multiprocessing4j.ProcessException;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * How every blocking call of the cluster objects waits: it tries a non-blocking cluster operation
 * (an entry processor, {@code tryLock}, {@code poll}, {@code offer}) and, when that fails, sleeps
 * here and tries again, the pause doubling from 1 ms to at most {@value #MAX_PAUSE_MILLIS} ms.
 *
 * <p>Why polling rather than Hazelcast's own blocking calls or an entry listener: an interrupt
 * that lands while a blocking Hazelcast call waits on a member throws in the caller but does not
 * cancel the operation on the member, which may then take the lock or the item for a caller that
 * has given up (a lock held for good, an item lost). Here the wait happens in this JVM, where an
 * interrupt is safe; only a single round trip (a fraction of a millisecond on a LAN, measured at
 * about 0.2 ms on loopback) is exposed. A listener would notify sooner but needs a registration
 * per waiter, cleaned up on every path, and still a poll against lost events. The cost of the
 * cap: a waiter notices a change within about 10 ms, and an idle waiter makes about 100 cheap
 * calls a second.
 */
final class Waiting {

    /** The longest pause between two tries. */
    static final long MAX_PAUSE_MILLIS = 10;
    /** A deadline that never comes. */
    static final long FOREVER = Long.MAX_VALUE;

    private Waiting() {
    }

    /** @return the deadline ({@link System#nanoTime()}) for {@code timeout}; zero or negative: now */
    static long deadline(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout (use the form without one to wait without limit)");
        long now = System.nanoTime();
        if (timeout.isNegative() || timeout.isZero()) {
            return now - 1;
        }
        long nanos = timeout.compareTo(Duration.ofDays(365 * 100)) > 0 ? Long.MAX_VALUE / 2 : timeout.toNanos();
        long deadline = now + nanos;
        return deadline == FOREVER ? FOREVER - 1 : deadline;
    }

    /** @return nanoseconds left until {@code deadline} (0 when past) */
    static long remaining(long deadline) {
        return deadline == FOREVER ? Long.MAX_VALUE : Math.max(0, deadline - System.nanoTime());
    }

    /**
     * Tries {@code attempt} until it returns non-null or {@code deadline} passes. It is tried
     * once even with a deadline in the past; an interrupt is noticed between tries.
     *
     * @param what     what is waited for, for the message of an interrupt
     * @param deadline a {@link System#nanoTime()} deadline, or {@link #FOREVER}
     * @param attempt  one non-blocking try: non-null when done
     * @return what the attempt returned, or null on timeout
     * @throws ProcessException when interrupted (the interrupt flag is restored)
     */
    static <T> T until(String what, long deadline, Supplier<T> attempt) {
        long pause = TimeUnit.MILLISECONDS.toNanos(1);
        for (;;) {
            T result = attempt.get();
            if (result != null) {
                return result;
            }
            long left = remaining(deadline);
            if (left <= 0) {
                return null;
            }
            try {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                TimeUnit.NANOSECONDS.sleep(Math.min(pause, left));
            } catch (InterruptedException e) {
                throw ProcessException.interrupted(what, e);
            }
            pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(MAX_PAUSE_MILLIS));
        }
    }
}
