package io.github.multiprocessing4j.internal.worker;

import io.github.multiprocessing4j.Connection;
import io.github.multiprocessing4j.Lock;
import io.github.multiprocessing4j.Context;
import io.github.multiprocessing4j.Multiprocessing;
import io.github.multiprocessing4j.Pipe;
import io.github.multiprocessing4j.Value;
import io.github.multiprocessing4j.internal.runtime.Threads;
import io.github.multiprocessing4j.internal.shm.Segment;

import java.lang.foreign.Arena;
import java.util.concurrent.TimeUnit;

/**
 * The part of {@link WarmUp} that runs the hot paths of the shared objects — a value's lock taken
 * and released around a read and a write, a plain lock, a pipe's send and receive — until the
 * JIT has compiled them, in two threads at once so that the contended branches (a lock found
 * taken, a receiver that spins and sleeps) are compiled too and not left as traps that send the
 * first real contention back to the interpreter.
 *
 * <p>Why: a process's first hundred thousand locked increments or ten thousand pipe round trips
 * otherwise run mostly in the interpreter, where every access to shared memory (a
 * {@code VarHandle} on a {@code MemorySegment}) costs about a microsecond, against a few
 * nanoseconds compiled. The user's own loop still starts interpreted, but it then calls compiled
 * code.
 *
 * <p>Everything runs through the public API, so that the compiled code is the code the user's
 * calls reach, on memory of the same kind as the real objects' (a mapped file, so that the
 * compiled code's type checks hold for them) but unshared ({@link Segment#unshared}): no other
 * process can see it, nothing is left behind, all is freed at the end.
 *
 * <p>Cost: about half a second of CPU in an idle JVM (most of it the JIT's), spent ahead of need.
 * The system properties {@code mp4j.warmup.contended}, {@code mp4j.warmup.increments} and
 * {@code mp4j.warmup.roundTrips} (0 skips a phase) exist to measure what it buys.
 */
final class SharedPathsWarmUp {

    /**
     * An explicit context, not the module-level functions: those fix the default start method
     * (Python's rule), which a JVM's warm-up or training must leave unset for its process.
     */
    private static final Context SPAWN = Multiprocessing.getContext("spawn");

    /** Locked increments (and round trips) made by two threads at once, first: the contended branches get a profile. */
    static final int CONTENDED = Integer.getInteger("mp4j.warmup.contended", 2_000);
    /** Then by one thread: the C2 compiler's thresholds (about 10,000 calls) with a margin. */
    static final int INCREMENTS = Integer.getInteger("mp4j.warmup.increments", 20_000);
    static final int ROUND_TRIPS = Integer.getInteger("mp4j.warmup.roundTrips", 12_000);
    /** The longest the warm-up may take: on a machine so busy that it takes longer, it gives up. */
    private static final long LIMIT_SECONDS = 20;

    private SharedPathsWarmUp() {
    }

    /**
     * Runs the warm-up in threads of its own, waiting {@link #LIMIT_SECONDS} at most: nothing
     * here can keep an idle JVM from connecting.
     *
     * @return whether the warm-up ran to its end
     */
    static boolean run() {
        boolean[] done = new boolean[1];
        Thread warmUp = Threads.daemon("mp4j-warm-up", () -> done[0] = runHere());
        try {
            warmUp.join(TimeUnit.SECONDS.toMillis(LIMIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !warmUp.isAlive() && done[0];
    }

    /** @return whether the warm-up ran to its end (false: it gave up; its memory is then left to the JVM's exit) */
    private static boolean runHere() {
        Arena arena = Arena.ofShared();
        boolean[] done = new boolean[1];
        Segment.unshared(arena, () -> {
            try {
                done[0] = lockedIncrements() && roundTrips();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        if (done[0]) {
            arena.close(); // no thread uses the memory any more
        }
        return done[0];
    }

    private static boolean lockedIncrements() throws InterruptedException {
        Value v = SPAWN.value('i', 0);
        Lock plain = SPAWN.lock();
        Thread partner = Threads.daemon("mp4j-warm-up", () -> increments(v, plain, CONTENDED));
        increments(v, plain, CONTENDED);
        partner.join();
        increments(v, plain, INCREMENTS);
        return v.getInt() == 2 * CONTENDED + INCREMENTS;
    }

    /** The loop of a user's locked increments, as written with the public API. */
    private static void increments(Value v, Lock plain, int n) {
        Lock lock = v.getLock();
        for (int i = 0; i < n; i++) {
            lock.acquire();
            try {
                v.setInt(v.getInt() + 1);
            } finally {
                lock.release();
            }
            plain.acquire();
            plain.release();
        }
    }

    private static boolean roundTrips() throws InterruptedException {
        Pipe pipe = SPAWN.pipe();
        Connection a = pipe.left();
        Connection b = pipe.right();
        Thread ponger = Threads.daemon("mp4j-warm-up", () -> {
            try {
                pong(b, CONTENDED);
            } finally {
                b.close(); // should it fail, the other thread sees the end of stream instead of waiting
            }
        });
        for (int i = 0; i < CONTENDED; i++) {
            a.send(i);
            a.recv();
        }
        ponger.join();
        a.close();
        // then in one thread, without waiting
        pipe = SPAWN.pipe();
        for (int i = 0; i < ROUND_TRIPS; i++) {
            pipe.left().send(i);
            pong(pipe.right(), 1);
            pipe.left().recv();
        }
        pipe.left().close();
        pipe.right().close();
        return true;
    }

    private static void pong(Connection c, int n) {
        for (int i = 0; i < n; i++) {
            c.send(c.recv());
        }
    }
}
