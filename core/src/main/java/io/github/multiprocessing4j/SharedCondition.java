package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.shm.Futex;
import io.github.multiprocessing4j.internal.shm.RobustLock;
import io.github.multiprocessing4j.internal.shm.SharedHeap;
import io.github.multiprocessing4j.internal.shm.SharedKind;
import io.github.multiprocessing4j.internal.sync.ConditionProtocol;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * {@link Condition} in shared memory (block kind {@code CONDITION}), over a shared {@link Lock} or
 * {@link RLock}: the protocol is {@link ConditionProtocol}'s.
 */
final class SharedCondition implements Condition, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    static final SharedKind TAG = SharedKind.CONDITION;

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
        return new SharedCondition(SharedHeap.allocate(TAG, ConditionProtocol.SIZE, memory -> { }), lock);
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
        return Blocking.run("waiting on a Condition", deadline, d -> ConditionProtocol.await(block.memory(), robust, d));
    }

    @Override
    public void signal() {
        signal(1);
    }

    @Override
    public void signal(int n) {
        ConditionProtocol.signal(block.memory(), robust, n);
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
        return SharedHandle.of(SharedKind.CONDITION, block, TAG, 0, (Serializable) lock);
    }

    @Override
    public String toString() {
        return "Condition(" + lock + ", waiting=" + ConditionProtocol.sleepers(block.memory()) + ")";
    }
}
