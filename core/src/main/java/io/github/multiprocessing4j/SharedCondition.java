package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.shm.Futex;
import io.github.multiprocessing4j.internal.shm.RobustLock;
import io.github.multiprocessing4j.internal.shm.SharedHeap;
import io.github.multiprocessing4j.internal.shm.Words;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * {@link Condition} in shared memory (block tag "cond"), over a shared {@link Lock} or
 * {@link RLock}.
 *
 * <h2>Layout</h2>
 * <pre>
 *   0                   4                   8                   12                  16                  20
 *   +-------------------+-------------------+-------------------+-------------------+-------------------+
 *   | seq (futex word)  | waiters           | generation        | sleepers          | permits           |
 *   +-------------------+-------------------+-------------------+-------------------+-------------------+
 * </pre>
 * A waiter, holding the lock, notes the {@code generation} and counts itself in
 * {@code sleepers}; then it releases the lock and sleeps on {@code seq}. {@code signal(n)},
 * holding the lock, moves {@code k = min(n, sleepers)} from {@code sleepers} to {@code permits},
 * advances {@code generation}, bumps {@code seq} and wakes the sleepers. A waiter whose noted
 * generation is older than the current one may take a permit (CAS); the others sleep on. So a
 * signal wakes exactly {@code k} threads, all of which were waiting when it was sent. A waiter
 * that times out settles with the lock held again: it takes a permit if one is left for it
 * (it was signalled after all), else it removes itself from {@code sleepers}.
 *
 * <p>A waiting process that dies stays counted in {@code sleepers}; a later signal may then
 * issue a permit for it that nobody takes at once, and a waiter of a later signal takes it:
 * that {@code signal(n)} wakes one waiter more than {@code n}. Nothing hangs on it, and waiting
 * in a loop that re-checks the state ({@link #waitFor}) makes it harmless.
 */
final class SharedCondition implements Condition, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    static final String TAG = "cond";
    private static final long SEQ = 0;
    private static final long WAITERS = 4;
    private static final long GENERATION = 8;
    private static final long SLEEPERS = 12;
    private static final long PERMITS = 16;

    private final transient SharedHeap.Block block;
    private final transient Lock lock;
    private final transient RobustLock robust;

    SharedCondition(SharedHeap.Block block, Lock lock) {
        this.block = block;
        this.lock = lock;
        this.robust = ((SharedLock) lock).robust;
    }

    static SharedCondition create(Lock lock) {
        Objects.requireNonNull(lock, "lock");
        if (!(lock instanceof SharedLock)) {
            throw new IllegalArgumentException("a Condition needs a Lock or RLock made by Multiprocessing.lock() or rLock(), not "
                    + lock.getClass().getName());
        }
        return new SharedCondition(SharedHeap.allocate(TAG, 20, memory -> { }), lock);
    }

    /** @return the condition's lock */
    Lock lock() {
        return lock;
    }

    @Override
    public boolean acquire() {
        return lock.acquire();
    }

    @Override
    public void release() {
        lock.release();
    }

    @Override
    public void await() {
        awaitUntil(Futex.FOREVER);
    }

    @Override
    public boolean await(Duration timeout) {
        return awaitUntil(Blocking.deadline(timeout));
    }

    private boolean awaitUntil(long deadline) {
        robust.requireHeld("wait on a Condition: its lock");
        var m = block.memory();
        int generation = Words.getInt(m, GENERATION);
        Words.getAndAddInt(m, SLEEPERS, 1);
        int levels = robust.releaseFully();
        boolean signalled = false;
        InterruptedException interrupt = null;
        try {
            for (;;) {
                int seq = Words.getInt(m, SEQ);
                if (takePermit(generation)) {
                    signalled = true;
                    break;
                }
                if (!Futex.await(m, SEQ, WAITERS, seq, deadline)) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            interrupt = e;
        } finally {
            robust.restore(levels);
        }
        if (!signalled) {
            if (takePermit(generation)) {
                signalled = true;
            } else {
                Words.getAndAddInt(m, SLEEPERS, -1);
            }
        }
        if (interrupt != null) {
            if (!signalled) {
                throw ProcessException.interrupted("waiting on a Condition", interrupt);
            }
            Thread.currentThread().interrupt(); // signalled too: keep the signal, report the interrupt by the flag
        }
        return signalled;
    }

    private boolean takePermit(int generation) {
        var m = block.memory();
        for (;;) {
            if (Words.getInt(m, GENERATION) - generation <= 0) {
                return false; // no signal since this waiter began
            }
            int permits = Words.getInt(m, PERMITS);
            if (permits <= 0) {
                return false;
            }
            if (Words.casInt(m, PERMITS, permits, permits - 1)) {
                return true;
            }
        }
    }

    @Override
    public void signal() {
        signal(1);
    }

    @Override
    public void signal(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("cannot signal a negative number of waiters: " + n);
        }
        robust.requireHeld("signal a Condition: its lock");
        var m = block.memory();
        int k = Math.min(n, Words.getInt(m, SLEEPERS));
        if (k <= 0) {
            return;
        }
        Words.getAndAddInt(m, SLEEPERS, -k);
        Words.getAndAddInt(m, PERMITS, k);
        Words.getAndAddInt(m, GENERATION, 1);
        Words.getAndAddInt(m, SEQ, 1);
        Futex.wake(m, SEQ, WAITERS, Integer.MAX_VALUE);
    }

    @Override
    public void signalAll() {
        signal(Integer.MAX_VALUE);
    }

    @Override
    public boolean waitFor(BooleanSupplier predicate, Duration timeout) {
        Objects.requireNonNull(predicate, "predicate");
        long deadline = timeout == null ? Futex.FOREVER : Blocking.deadline(timeout);
        boolean result = predicate.getAsBoolean();
        while (!result) {
            if (Futex.remaining(deadline) <= 0) {
                break;
            }
            awaitUntil(deadline);
            result = predicate.getAsBoolean();
        }
        return result;
    }

    @Serial
    private Object writeReplace() {
        return SharedHandle.of("condition", block, TAG, 0, (Serializable) lock);
    }

    @Override
    public String toString() {
        var m = block.memory();
        return "Condition(" + lock + ", waiting=" + Words.getInt(m, SLEEPERS) + ")";
    }
}
