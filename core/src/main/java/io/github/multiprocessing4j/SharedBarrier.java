package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.shm.Futex;
import io.github.multiprocessing4j.internal.shm.RobustLock;
import io.github.multiprocessing4j.internal.shm.SharedHeap;
import io.github.multiprocessing4j.internal.shm.SharedKind;
import io.github.multiprocessing4j.internal.sync.BarrierProtocol;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;

/**
 * {@link Barrier} in shared memory (block kind {@code BARRIER}): the protocol is {@link
 * BarrierProtocol}'s; the action and the default timeout stay here, outside shared memory.
 */
final class SharedBarrier implements Barrier, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    static final SharedKind TAG = SharedKind.BARRIER;

    /**
     * What is not in shared memory: the action and the default timeout (null: none).
     *
     * @param timeout how long to wait
     * @param action run once per round by the last party to arrive, before any is released; may be null
     */
    record Config(SerializableRunnable action, Duration timeout) implements Serializable {
    }

    private final transient SharedHeap.Block block;
    private final transient RobustLock lock;
    private final transient Config config;

    SharedBarrier(SharedHeap.Block block, Config config) {
        this.block = block;
        this.config = config;
        this.lock = BarrierProtocol.lock(block.memory());
    }

    static SharedBarrier create(int parties, SerializableRunnable action, Duration timeout) {
        if (parties < 1) {
            throw new IllegalArgumentException("a barrier needs at least 1 party, not " + parties);
        }
        return new SharedBarrier(SharedHeap.allocate(TAG, BarrierProtocol.SIZE, memory -> BarrierProtocol.init(memory, parties)),
                new Config(action, timeout));
    }

    @Override
    public int await() {
        return awaitUntil(config.timeout() == null ? Futex.FOREVER : Futex.deadline(config.timeout()));
    }

    @Override
    public int await(Duration timeout) {
        return awaitUntil(Blocking.deadline(timeout));
    }

    private int awaitUntil(long deadline) {
        SerializableRunnable action = config.action();
        Runnable run = action == null ? null : () -> {
            try {
                action.run();
            } catch (Exception e) {
                throw SharedBarrier.<RuntimeException>rethrow(e); // the protocol reports what the action threw, as it is
            }
        };
        try {
            return BarrierProtocol.await(block.memory(), lock, run, deadline);
        } catch (BarrierProtocol.Broken broken) {
            throw new BarrierBrokenException(broken.getMessage(), broken.getCause());
        } catch (InterruptedException e) {
            throw ProcessException.interrupted("waiting at a barrier", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Exception> E rethrow(Exception e) throws E {
        throw (E) e;
    }

    @Override
    public void reset() {
        Blocking.run("taking a barrier's lock", Futex.FOREVER, d -> {
            BarrierProtocol.reset(block.memory(), lock);
            return true;
        });
    }

    @Override
    public void abort() {
        Blocking.run("taking a barrier's lock", Futex.FOREVER, d -> {
            BarrierProtocol.abort(block.memory(), lock);
            return true;
        });
    }

    @Override
    public int getParties() {
        return BarrierProtocol.parties(block.memory());
    }

    @Override
    public int getNumberWaiting() {
        return BarrierProtocol.numberWaiting(block.memory());
    }

    @Override
    public boolean isBroken() {
        return BarrierProtocol.isBroken(block.memory());
    }

    @Serial
    private Object writeReplace() {
        return SharedHandle.of(SharedKind.BARRIER, block, TAG, 0, config);
    }

    @Override
    public String toString() {
        return "Barrier(parties=" + getParties() + ", waiting=" + getNumberWaiting() + (isBroken() ? ", broken" : "") + ")";
    }
}
