package io.github.multiprocessing4j;


import io.github.multiprocessing4j.internal.shm.Futex;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * {@link Connection#await}: waiting on several connections at once. Shared-memory rings have no
 * file descriptor to select on, so the connections are polled in turn, with pauses that grow
 * from a few microseconds to {@link #MAX_PAUSE_NANOS}: a ready connection is noticed within
 * about a millisecond, and an idle wait costs a few hundred cheap polls per second.
 */
final class ConnectionWait {

    static final long MAX_PAUSE_NANOS = 1_000_000;

    private ConnectionWait() {
    }

    /**
     * @param timeout null for no limit
     * @return the ready connections, in the given order; empty on timeout
     */
    public static List<Connection> await(java.util.Collection<? extends Connection> connections, Duration timeout) {
        List<Connection> all = List.copyOf(Objects.requireNonNull(connections, "connections"));
        long deadline = timeout == null ? Futex.FOREVER : Futex.deadline(timeout);
        long pause = 2_000;
        while (true) {
            List<Connection> ready = new ArrayList<>();
            for (Connection c : all) {
                if (c.poll()) {
                    ready.add(c);
                }
            }
            if (!ready.isEmpty() || Futex.remaining(deadline) <= 0) {
                return ready;
            }
            LockSupport.parkNanos(Math.min(pause, Futex.remaining(deadline)));
            pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
            if (Thread.interrupted()) {
                throw ProcessException.interrupted("waiting on " + all.size() + " connections", new InterruptedException());
            }
        }
    }
}
