package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.shm.Futex;
import io.github.multiprocessing4j.internal.shm.Liveness;
import io.github.multiprocessing4j.internal.shm.RobustLock;
import io.github.multiprocessing4j.internal.shm.Segment;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;

/** {@link Lock} over a {@link RobustLock} in its own segment (kind "lock"). */
class SharedLock implements Lock, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    static final String KIND = "lock";

    final transient Segment segment;
    final transient long offset;
    final transient RobustLock robust;

    SharedLock(Segment segment, long offset) {
        this.segment = segment;
        this.offset = offset;
        this.robust = new RobustLock(segment.body(), offset, name() + " " + segment.path());
    }

    static Segment newSegment() {
        return Segment.create(KIND, RobustLock.SIZE, body -> { });
    }

    String name() {
        return "Lock";
    }

    @Override
    public boolean acquire() {
        return Blocking.run("acquiring a " + name(), Futex.FOREVER, robust::acquire);
    }

    @Override
    public boolean acquire(boolean block) {
        return block ? acquire() : Blocking.run("acquiring a " + name(), Blocking.now(), robust::acquire);
    }

    @Override
    public boolean acquire(Duration timeout) {
        return Blocking.run("acquiring a " + name(), Blocking.deadline(timeout), robust::acquire);
    }

    @Override
    public void release() {
        robust.release();
    }

    @Override
    public boolean locked() {
        return robust.isLocked();
    }

    @Override
    public boolean ownerDied() {
        return robust.isLocked() && robust.ownerDied();
    }

    @Serial
    Object writeReplace() {
        return SharedHandle.of("lock", segment, offset, null);
    }

    /** @return who holds it, as Python's repr: None, this thread, another thread, another process */
    String owner() {
        int pid = robust.ownerPid();
        if (pid == 0) {
            return "None";
        }
        if (pid != Liveness.myPid()) {
            return "process " + pid;
        }
        return robust.ownerThread() == Thread.currentThread().threadId() ? "this thread"
                : "thread " + robust.ownerThread() + " of this process";
    }

    @Override
    public String toString() {
        return "Lock(owner=" + owner() + ")";
    }
}
