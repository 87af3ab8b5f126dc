package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.shm.SharedKind;
import java.io.Serial;
import java.io.Serializable;

/**
 * What a queue becomes on its way to another process: the path of its ring and which kind of
 * queue to rebuild there. The receiving process attaches to the same shared memory.
 *
 * @param path      the ring's segment
 * @param kind      {@code QUEUE}, {@code JOINABLE_QUEUE} or {@code SIMPLE_QUEUE}
 * @param delivered whether the receiver gives back the transit the sender took ({@code RingHolds.arrived})
 */
record QueueRef(String path, SharedKind kind, boolean delivered) implements Serializable {

    @Serial
    private Object readResolve() {
        return switch (kind) {
            case SIMPLE_QUEUE -> SharedSimpleQueue.attach(path, delivered);
            case QUEUE, JOINABLE_QUEUE -> SharedQueue.attach(path, kind == SharedKind.JOINABLE_QUEUE, delivered);
            default -> throw new IllegalStateException("a " + kind + " travels as a SharedHandle, not a QueueRef");
        };
    }
}
