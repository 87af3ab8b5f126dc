package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.shm.Futex;
import io.github.multiprocessing4j.internal.shm.SharedHeap;
import io.github.multiprocessing4j.internal.shm.SharedKind;
import io.github.multiprocessing4j.internal.sync.SemaphoreProtocol;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;

/** {@link Semaphore} in shared memory (block kind {@code SEMAPHORE}): the protocol is {@link SemaphoreProtocol}'s. */
final class SharedSemaphore implements Semaphore, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    static final SharedKind TAG = SharedKind.SEMAPHORE;

    private final transient SharedHeap.Block block;

    SharedSemaphore(SharedHeap.Block block) {
        this.block = block;
    }

    static SharedSemaphore create(int value, boolean bounded) {
        if (value < 0) {
            throw new IllegalArgumentException("a semaphore's initial value cannot be negative: " + value);
        }
        return new SharedSemaphore(SharedHeap.allocate(TAG, SemaphoreProtocol.SIZE, memory -> SemaphoreProtocol.init(memory, value, bounded)));
    }

    @Override
    public boolean acquire() {
        return Blocking.run("acquiring a semaphore", Futex.FOREVER, this::acquireBy);
    }

    @Override
    public boolean acquire(boolean block) {
        return block ? acquire() : Blocking.run("acquiring a semaphore", Blocking.now(), this::acquireBy);
    }

    @Override
    public boolean acquire(Duration timeout) {
        return Blocking.run("acquiring a semaphore", Blocking.deadline(timeout), this::acquireBy);
    }

    private boolean acquireBy(long deadline) throws InterruptedException {
        return SemaphoreProtocol.acquire(block.memory(), deadline);
    }

    @Override
    public void release() {
        SemaphoreProtocol.release(block.memory());
    }

    @Override
    public int getValue() {
        return SemaphoreProtocol.value(block.memory());
    }

    @Serial
    private Object writeReplace() {
        return SharedHandle.of(SharedKind.SEMAPHORE, block, TAG, 0, null);
    }

    @Override
    public String toString() {
        int bound = SemaphoreProtocol.bound(block.memory());
        return bound < 0 ? "Semaphore(value=" + getValue() + ")" : "BoundedSemaphore(value=" + getValue() + ", maxvalue=" + bound + ")";
    }
}
