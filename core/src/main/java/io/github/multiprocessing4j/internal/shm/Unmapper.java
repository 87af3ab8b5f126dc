package io.github.multiprocessing4j.internal.shm;

import java.lang.foreign.Arena;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * Closes shared arenas (unmaps their memory) on a thread of its own. Closing a shared arena makes
 * the JVM handshake with every thread, to be sure none is inside an access: measured 44-69 µs
 * here, two thirds of a {@code SharedMemory} create+close+unlink. The caller's object is marked
 * closed at once (it refuses access from then on); the mapping goes a moment later.
 */
public final class Unmapper {

    private static final BlockingQueue<Pending> PENDING = new LinkedBlockingQueue<>();
    /** Attempts at closing an arena that a thread keeps using in a native call, before it is left to the JVM's exit. */
    private static final int ATTEMPTS = 1000; // 10 s at least

    private record Pending(Arena arena, int attempts) {
    }

    static {
        Thread thread = new Thread(Unmapper::run, "mp4j-unmapper");
        thread.setDaemon(true);
        thread.start();
    }

    private Unmapper() {
    }

    /** Closes {@code arena} soon, on the unmapper's thread. */
    public static void close(Arena arena) {
        PENDING.add(new Pending(arena, 0));
    }

    private static void run() {
        while (true) {
            Pending next;
            try {
                next = PENDING.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                next.arena().close();
            } catch (IllegalStateException e) {
                // closed elsewhere meanwhile, or a thread of this process is inside a native call
                // on the memory (a futex wait, woken by whoever gave the memory up): try again a
                // little later, behind the others
                if (next.arena().scope().isAlive() && next.attempts() < ATTEMPTS) {
                    LockSupport.parkNanos(10_000_000L);
                    PENDING.add(new Pending(next.arena(), next.attempts() + 1));
                }
            }
        }
    }
}
