package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.shm.Futex;
import io.github.multiprocessing4j.internal.shm.Segment;

import java.io.Serial;
import java.time.Duration;

/** {@link RLock} over a {@link io.github.multiprocessing4j.internal.shm.RobustLock} used recursively (kind "rlock", or inside a value's segment). */
final class SharedRLock extends SharedLock implements RLock {

    @Serial
    private static final long serialVersionUID = 1L;
    static final String KIND = "rlock";

    SharedRLock(Segment segment, long offset) {
        super(segment, offset);
    }

    static Segment newSegment() {
        return Segment.create(KIND, io.github.multiprocessing4j.internal.shm.RobustLock.SIZE, body -> { });
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
        return SharedHandle.of("rlock", segment, offset, null);
    }

    @Override
    public String toString() {
        return "RLock(" + owner() + ", " + (robust.isLocked() ? robust.holdCount() : 0) + ")";
    }
}
