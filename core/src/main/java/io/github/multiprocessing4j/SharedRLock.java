package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.shm.Futex;
import io.github.multiprocessing4j.internal.shm.RobustLock;
import io.github.multiprocessing4j.internal.shm.SharedHeap;
import io.github.multiprocessing4j.internal.shm.SharedKind;

import java.io.Serial;
import java.time.Duration;

/** {@link RLock} over a {@link RobustLock} used recursively (block tag "rlock", or inside a value's or an array's block). */
final class SharedRLock extends SharedLock implements RLock {

    @Serial
    private static final long serialVersionUID = 1L;
    static final SharedKind TAG = SharedKind.RLOCK;

    SharedRLock(SharedHeap.Block block, SharedKind tag, long inner) {
        super(block, tag, inner);
    }

    static SharedRLock create() {
        return new SharedRLock(SharedHeap.allocate(TAG, RobustLock.SIZE, memory -> { }), TAG, 0);
    }

    @Override
    String name() {
        return "RLock";
    }

    @Override
    public boolean acquire() {
        return Blocking.run("acquiring an RLock", Futex.FOREVER, robust::acquireRecursive);
    }

    @Override
    public boolean acquire(boolean block) {
        return block ? acquire() : Blocking.run("acquiring an RLock", Blocking.now(), robust::acquireRecursive);
    }

    @Override
    public boolean acquire(Duration timeout) {
        return Blocking.run("acquiring an RLock", Blocking.deadline(timeout), robust::acquireRecursive);
    }

    @Override
    public void release() {
        robust.releaseRecursive();
    }

    @Override
    public boolean isHeldByCurrentThread() {
        return robust.isHeldByCurrentThread();
    }

    @Override
    public int getHoldCount() {
        return robust.isHeldByCurrentThread() ? robust.holdCount() : 0;
    }

    @Override
    @Serial
    Object writeReplace() {
        return SharedHandle.of(SharedKind.RLOCK, block, tag, inner, null);
    }

    @Override
    public String toString() {
        return "RLock(" + owner() + ", " + (robust.isLocked() ? robust.holdCount() : 0) + ")";
    }
}
