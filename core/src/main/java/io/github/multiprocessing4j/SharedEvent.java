package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.shm.Futex;
import io.github.multiprocessing4j.internal.shm.SharedHeap;
import io.github.multiprocessing4j.internal.shm.SharedKind;
import io.github.multiprocessing4j.internal.sync.EventProtocol;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;

/** {@link Event} in shared memory (block kind {@code EVENT}): the protocol is {@link EventProtocol}'s. */
final class SharedEvent implements Event, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    static final SharedKind TAG = SharedKind.EVENT;

    private final transient SharedHeap.Block block;

    SharedEvent(SharedHeap.Block block) {
        this.block = block;
    }

    static SharedEvent create() {
        return new SharedEvent(SharedHeap.allocate(TAG, EventProtocol.SIZE, memory -> { }));
    }

    @Override
    public boolean isSet() {
        return EventProtocol.isSet(block.memory());
    }

    @Override
    public void set() {
        EventProtocol.set(block.memory());
    }

    @Override
    public void clear() {
        EventProtocol.clear(block.memory());
    }

    @Override
    public boolean await() {
        return Blocking.run("waiting for an event", Futex.FOREVER, deadline -> EventProtocol.await(block.memory(), deadline));
    }

    @Override
    public boolean await(Duration timeout) {
        return Blocking.run("waiting for an event", Blocking.deadline(timeout), deadline -> EventProtocol.await(block.memory(), deadline));
    }

    @Serial
    private Object writeReplace() {
        return SharedHandle.of(SharedKind.EVENT, block, TAG, 0, null);
    }

    @Override
    public String toString() {
        return "Event(" + (isSet() ? "set" : "unset") + ")";
    }
}
