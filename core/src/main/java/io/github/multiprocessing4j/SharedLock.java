package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.shm.Futex;
import io.github.multiprocessing4j.internal.shm.Liveness;
import io.github.multiprocessing4j.internal.shm.RobustLock;
import io.github.multiprocessing4j.internal.shm.SharedHeap;
import io.github.multiprocessing4j.internal.shm.SharedKind;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;

/** {@link Lock} over a {@link RobustLock} in a shared-heap block (tag "lock"). */
class SharedLock implements Lock, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    static final SharedKind TAG = SharedKind.LOCK;

    final transient SharedHeap.Block block;
    final transient SharedKind tag;
    final transient long inner;
    final transient RobustLock robust;

    /**
     * @param block where the lock lives
     * @param tag   the block's tag ("lock", "rlock", or "value"/"array" for the lock of one)
     * @param inner the lock's offset in the block
     */
    SharedLock(SharedHeap.Block block, SharedKind tag, long inner) {
        this.block = block;
        this.tag = tag;
        this.inner = inner;
        this.robust = new RobustLock(block.memory(), inner, name() + " " + block.segment().path() + "@" + block.offset());
    }

    static SharedLock create() {
        return new SharedLock(SharedHeap.allocate(TAG, RobustLock.SIZE, memory -> { }), TAG, 0);
    }

    String name() {
        return "Lock";
    }

    @Override
    public boolean acquire() {
        return Blocking.run("acquiring a Lock", Futex.FOREVER, robust::acquire);
    }

    @Override
    public boolean acquire(boolean block) {
        return block ? acquire() : Blocking.run("acquiring a Lock", Blocking.now(), robust::acquire);
    }

    @Override
    public boolean acquire(Duration timeout) {
        return Blocking.run("acquiring a Lock", Blocking.deadline(timeout), robust::acquire);
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
        return SharedHandle.of(SharedKind.LOCK, block, tag, inner, null);
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
