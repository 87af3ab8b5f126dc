package io.github.multiprocessing4j;

/**
 * A recursive lock shared by processes: Python's {@code multiprocessing.RLock}. Owned by one
 * thread of one process; that thread may acquire it again, and must release it as many times.
 * Only the owner may release it: anyone else gets {@link IllegalMonitorStateException}.
 * {@link Value#getLock()} and {@link Array#getLock()} are RLocks, as in Python.
 *
 * <pre>{@code
 * RLock lock = Multiprocessing.rLock();
 * lock.acquire();
 * lock.acquire();          // the owner again: hold count 2
 * lock.release();
 * System.out.println(lock.locked());   // true
 * lock.release();
 * }</pre>
 * A holder that dies is handled as for {@link Lock}: the next acquirer gets the lock with hold
 * count 1 and {@link #ownerDied()} {@code true}.
 */
public interface RLock extends Lock {

    /**
     * Releases one level of the calling thread's hold.
     *
     * @throws IllegalMonitorStateException when the calling thread does not hold the lock
     */
    @Override
    void release();

    /** {@return whether the calling thread holds the lock} */
    boolean isHeldByCurrentThread();

    /** {@return the calling thread's hold count: 0 when it does not hold the lock} */
    int getHoldCount();
}
