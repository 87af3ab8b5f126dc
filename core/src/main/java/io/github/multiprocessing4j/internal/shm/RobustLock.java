package io.github.multiprocessing4j.internal.shm;

import java.lang.System.Logger.Level;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * A robust mutex in shared memory, usable from any thread of any process that maps it: plain
 * (any thread may release it, as Python's {@code Lock}) or recursive (owned by one thread, as
 * {@code RLock}), depending on which methods are called.
 *
 * <h2>Layout ({@link #SIZE} bytes at any 8-byte-aligned offset; all zero is "unlocked")</h2>
 * <pre>
 *   0                   4                   8                  12                  16
 *   +-------------------+-------------------+-------------------+-------------------+
 *   | owner pid         | owner start stamp | waiters           | flags             |
 *   +-------------------+-------------------+-------------------+-------------------+
 *   | owner thread id (long)                | hold count        | waking            |
 *   +---------------------------------------+-------------------+-------------------+
 *   16                                      24                  28                  32
 * </pre>
 * <ul>
 *   <li><b>owner</b> (bytes 0–7, one 64-bit word changed by CAS): 0 when free, else the owning
 *       process's pid in the low half and its start stamp ({@link Liveness}) in the high half.
 *       The pid half is the futex word waiters sleep on (offset 0 on little-endian machines).</li>
 *   <li><b>waiters</b>: threads registered asleep ({@link Futex}); release wakes one only if
 *       not zero.</li>
 *   <li><b>flags</b>: bit 0 {@link #OWNER_DIED}, set by a thread that took the lock over from a
 *       dead owner, cleared at release.</li>
 *   <li><b>owner thread</b>: {@link Thread#threadId()} of the holder in the owning process (0
 *       while free or being taken); <b>hold count</b>: recursion depth of a recursive hold.</li>
 *   <li><b>waking</b>: when a release last woke a sleeper ({@link System#nanoTime()} in units of
 *       1,024 ns, odd so never 0), until a sleeper returns from its sleep (any sleeper: woken,
 *       timed out or interrupted) and sets it back to 0. While a woken waiter is still being
 *       scheduled (tens of microseconds), an owner that releases and takes the lock again makes no
 *       further wake calls: without this, an owner in a loop paid a system call per release as long
 *       as another process waited. A wake-up older than {@link #WAKE_STALE_NANOS} no longer
 *       counts (its sleeper may have died, or may be one that polls), so a wake is never held
 *       back for longer.</li>
 * </ul>
 *
 * <h2>Waiting</h2>
 * A thread that finds the lock taken spins briefly ({@link #SPINS} reads, further apart each
 * time, so as to disturb the owner's cache line little), then sleeps once on the owner word
 * ({@link Futex#sleepOnce}), then tries again. The lock is not fair: a releasing thread may take
 * it again before a woken waiter runs, which is what makes a contended lock fast (every hand-over
 * costs a cache-line transfer or a wake-up); a waiter gets its turn when the owner pauses.
 *
 * <h2>Robustness</h2>
 * A waiter sleeps at most {@link #LIVENESS_CHECK_NANOS} at a time; before each sleep after the
 * first it checks that the owner process is alive ({@link Liveness#isDead}). An owner found dead
 * is replaced by CAS, the taker gets the lock with {@link #ownerDied()} true (and a WARNING is
 * logged): the data the lock protected may be half-updated. So a lock whose owner was killed
 * is available to the next acquirer within a fraction of a second.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * RobustLock lock = new RobustLock(segment.body(), LOCK_OFFSET);
 * if (lock.acquire(Futex.deadline(timeout))) {     // plain: acquire()/release()
 *     try {
 *         if (lock.ownerDied()) { repairTheData(); }
 *         ...
 *     } finally {
 *         lock.release();
 *     }
 * }
 * }</pre>
 * Recursive use goes through {@link #acquireRecursive}, {@link #releaseRecursive},
 * {@link #releaseFully} and {@link #restore}; do not mix the two styles on one lock.
 */
public final class RobustLock {

    /** Bytes the lock takes. */
    public static final int SIZE = 32;
    /** Flags bit: the holder took the lock over from a process that died holding it. */
    public static final int OWNER_DIED = 1;
    /** How often a waiter checks that the owner still lives. */
    public static final long LIVENESS_CHECK_NANOS = 100_000_000L;

    private static final long OWNER = 0;
    private static final long PID_WORD = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? 0 : 4;
    static final long WAITERS = 8;
    private static final long FLAGS = 12;
    private static final long THREAD = 16;
    private static final long COUNT = 24;
    static final long WAKING = 28;
    /** Reads of the owner word a waiter makes before it sleeps; between them it pauses 1, 2, 4… spin-waits, at most {@link #MAX_PAUSE}. */
    static final int SPINS = 12;
    private static final int MAX_PAUSE = 64;
    /** How long a wake-up under way keeps releases from waking another sleeper. */
    static final long WAKE_STALE_NANOS = 1_000_000;

    private static final long ME = (long) Liveness.myStamp() << 32 | (Liveness.myPid() & 0xFFFFFFFFL);

    private final MemorySegment memory;
    private final long base;
    private final String name;

    /**
     * @param memory the mapped memory holding the lock
     * @param offset where the lock's {@link #SIZE} bytes start, 8-byte aligned
     * @param name   how to call the lock in messages
     */
    public RobustLock(MemorySegment memory, long offset, String name) {
        if ((offset & 7) != 0) {
            throw new IllegalArgumentException("a RobustLock needs an 8-byte-aligned offset, not " + offset);
        }
        this.memory = memory;
        this.base = offset;
        this.name = name;
        CREATED.add(this);
    }

    /** The locks this JVM made, while reachable: to tell whether it holds any ({@link #heldHere}). */
    private static final Set<RobustLock> CREATED = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    /**
     * @return the names of the locks that a thread of this JVM holds (a warm JVM whose process
     *         ended holding one must exit, so that the next taker sees {@link #ownerDied()})
     */
    public static List<String> heldHere() {
        List<RobustLock> all;
        synchronized (CREATED) {
            all = new ArrayList<>(CREATED);
        }
        return all.stream().filter(RobustLock::heldByThisJvm).map(lock -> lock.name).toList();
    }

    /**
     * A lock whose memory is unmapped (an unshared segment's, closed: the warm-up's; a queue's that
     * no process of this JVM uses any more) is held by nobody, including one unmapped by another
     * thread while this one looks: the read then fails, rather than the JVM (seen once in a
     * benchmark run: a warm JVM deciding whether it could be reused died of it).
     */
    private boolean heldByThisJvm() {
        try {
            return memory.scope().isAlive() && ownerPid() == Liveness.myPid();
        } catch (IllegalStateException unmapped) {
            return false;
        }
    }

    /**
     * Takes the lock, waiting until {@code deadline} at most.
     *
     * @param deadline absolute {@link System#nanoTime()} deadline, {@link Futex#FOREVER}, or a
     *                 past one for a single try
     * @return true when taken (check {@link #ownerDied()}), false when the deadline passed
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean acquire(long deadline) throws InterruptedException {
        if (Words.casLong(memory, base + OWNER, 0, ME)) {
            Words.setLong(memory, base + THREAD, Thread.currentThread().threadId());
            return true;
        }
        return acquireSlow(deadline);
    }

    private boolean acquireSlow(long deadline) throws InterruptedException {
        long nextCheck = System.nanoTime() + LIVENESS_CHECK_NANOS;
        boolean acquired = false;
        try {
            for (;;) {
                long owner = Words.getLong(memory, base + OWNER);
                if (owner == 0) {
                    if (Words.casLong(memory, base + OWNER, 0, ME)) {
                        Words.setLong(memory, base + THREAD, Thread.currentThread().threadId());
                        acquired = true;
                        return true;
                    }
                    continue;
                }
                // The owner's liveness is checked every LIVENESS_CHECK_NANOS of waiting, and
                // once more before giving up (so a single try, too, takes over from the dead).
                long now = System.nanoTime();
                boolean timedOut = Futex.remaining(deadline) <= 0;
                if (timedOut || now - nextCheck >= 0) {
                    nextCheck = now + LIVENESS_CHECK_NANOS;
                    if (Liveness.isDead((int) owner, (int) (owner >>> 32))) {
                        if (Words.casLong(memory, base + OWNER, owner, ME)) {
                            takeOver(owner);
                            acquired = true;
                            return true;
                        }
                        continue;
                    }
                    if (timedOut) {
                        return false;
                    }
                }
                awaitChange((int) owner, Futex.sooner(deadline, nextCheck));
            }
        } finally {
            if (!acquired) {
                passOn();
            }
        }
    }

    /** Spins, then sleeps once, while the owner word holds {@code owner}. */
    private void awaitChange(int owner, long deadline) throws InterruptedException {
        int pause = 1;
        for (int i = 0; i < SPINS; i++) {
            if (Words.getInt(memory, base + PID_WORD) != owner) {
                return;
            }
            for (int p = 0; p < pause; p++) {
                Thread.onSpinWait();
            }
            pause = Math.min(pause * 2, MAX_PAUSE);
        }
        if (Futex.polls()) {
            Futex.await(memory, base + PID_WORD, base + WAITERS, owner, deadline);
            return;
        }
        try {
            Futex.sleepOnce(memory, base + PID_WORD, base + WAITERS, owner, deadline);
        } finally {
            Words.setInt(memory, base + WAKING, 0); // the wake-up under way, if any, has been used up
        }
    }

    /** Wakes a sleeping waiter, unless none sleeps or one is being woken already. */
    private void wakeOne() {
        if (Words.getInt(memory, base + WAITERS) == 0) {
            return;
        }
        int waking = Words.getInt(memory, base + WAKING);
        int now = (int) (System.nanoTime() >>> 10) | 1;
        if ((waking == 0 || now - waking > (int) (WAKE_STALE_NANOS >>> 10)) && Words.casInt(memory, base + WAKING, waking, now)) {
            Waiter.get().wake(memory, base + PID_WORD, 1);
        }
    }

    /** A waiter that leaves without the lock may have swallowed a wake-up meant for another. */
    private void passOn() {
        if (Words.getLong(memory, base + OWNER) == 0) {
            Futex.wake(memory, base + PID_WORD, base + WAITERS, 1);
        }
    }

    private void takeOver(long deadOwner) {
        Words.setLong(memory, base + THREAD, Thread.currentThread().threadId());
        Words.setInt(memory, base + COUNT, 0);
        Words.setInt(memory, base + FLAGS, OWNER_DIED);
        Waiter.LOG.log(Level.WARNING, "multiprocessing4j: " + name + " was held by process " + (int) deadOwner
                + ", which died; process " + Liveness.myPid() + " has taken it over (the data it guarded may be inconsistent)");
    }

    /** @return true when the lock was free and is now held by the caller */
    public boolean tryAcquire() {
        try {
            return acquire(System.nanoTime() - 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Releases the lock, whoever holds it (plain lock semantics).
     *
     * @throws IllegalStateException when the lock is not held
     */
    public void release() {
        for (;;) {
            long owner = Words.getLong(memory, base + OWNER);
            if (owner == 0) {
                throw new IllegalStateException("release of an unlocked lock: " + name + " is not held");
            }
            Words.setLongRelease(memory, base + THREAD, 0);
            Words.setIntRelease(memory, base + COUNT, 0);
            Words.setIntRelease(memory, base + FLAGS, 0);
            if (Words.casLong(memory, base + OWNER, owner, 0)) { // a full fence: the stores above are seen first
                wakeOne();
                return;
            }
        }
    }

    /** @return true while some thread of some process holds the lock */
    public boolean isLocked() {
        return Words.getLong(memory, base + OWNER) != 0;
    }

    /** @return true when the calling thread holds the lock */
    public boolean isHeldByCurrentThread() {
        return (int) Words.getLong(memory, base + OWNER) == Liveness.myPid()
                && Words.getLong(memory, base + THREAD) == Thread.currentThread().threadId();
    }

    /** @return true when the current hold began by taking the lock over from a dead owner */
    public boolean ownerDied() {
        return (Words.getInt(memory, base + FLAGS) & OWNER_DIED) != 0;
    }

    /** @return the owning pid, 0 when free */
    public int ownerPid() {
        return (int) Words.getLong(memory, base + OWNER);
    }

    /** @return the owning thread's id in the owning process, 0 when free or unknown */
    public long ownerThread() {
        return Words.getLong(memory, base + THREAD);
    }

    /** @return the recursion depth of a recursive hold (0 when free) */
    public int holdCount() {
        return Words.getInt(memory, base + COUNT);
    }

    /**
     * Takes the lock recursively: a thread that holds it adds one level.
     *
     * @param deadline as {@link #acquire}
     * @return true when held (check {@link #ownerDied()}), false when the deadline passed
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean acquireRecursive(long deadline) throws InterruptedException {
        if (isHeldByCurrentThread()) {
            Words.setInt(memory, base + COUNT, Words.getInt(memory, base + COUNT) + 1);
            return true;
        }
        if (!acquire(deadline)) {
            return false;
        }
        Words.setInt(memory, base + COUNT, 1);
        return true;
    }

    /**
     * Releases one level of a recursive hold.
     *
     * @throws IllegalMonitorStateException when the calling thread does not hold the lock
     */
    public void releaseRecursive() {
        requireHeld("release");
        int count = Words.getInt(memory, base + COUNT);
        if (count > 1) {
            Words.setInt(memory, base + COUNT, count - 1);
        } else {
            release();
        }
    }

    /**
     * Releases every level of the calling thread's recursive hold (for a condition wait).
     *
     * @return the levels released, for {@link #restore}
     * @throws IllegalMonitorStateException when the calling thread does not hold the lock
     */
    public int releaseFully() {
        requireHeld("wait on a condition of");
        int count = Words.getInt(memory, base + COUNT);
        release();
        return count;
    }

    /**
     * Takes the lock again with the given hold count, after {@link #releaseFully}. Waits without
     * a deadline, as a condition wait must end holding its lock.
     *
     * An interrupt while waiting is kept for later: the thread's interrupt flag is set again
     * once the lock is held.
     *
     * @param count the levels to restore
     */
    public void restore(int count) {
        boolean interrupted = false;
        for (;;) {
            try {
                acquire(Futex.FOREVER);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        Words.setInt(memory, base + COUNT, count);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** @throws IllegalMonitorStateException unless the calling thread holds the lock */
    public void requireHeld(String what) {
        if (!isHeldByCurrentThread()) {
            int pid = ownerPid();
            throw new IllegalMonitorStateException("cannot " + what + " " + name + ": the calling thread does not hold it ("
                    + (pid == 0 ? "nobody does" : pid == Liveness.myPid() ? "another thread of this process holds it"
                    : "process " + pid + " holds it") + ")");
        }
    }

    @Override
    public String toString() {
        int pid = ownerPid();
        return name + (pid == 0 ? "[unlocked]" : "[locked by pid " + pid + "]");
    }
}
