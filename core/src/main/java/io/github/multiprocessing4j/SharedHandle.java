package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.shm.SharedHeap;
import io.github.multiprocessing4j.internal.shm.SharedKind;

import java.io.Serial;
import java.io.Serializable;

/**
 * What a shared-memory object becomes when serialized (its {@code writeReplace}): where its
 * block is ({@link SharedHeap}), where in the block the object starts, and any configuration
 * kept outside shared memory (a barrier's action, a condition's lock). Deserializing it
 * ({@code readResolve}) attaches to the same memory, so a {@link Value} or {@link Lock} captured
 * by a lambda is the same object in the child process.
 *
 * @param kind   which object
 * @param path   the heap segment's file
 * @param block  the block's offset in the segment
 * @param tag    the kind of the block it lives in (an RLock may live inside a value's block)
 * @param inner  where the object starts in the block's memory
 * @param extra  configuration that is not in shared memory, or null
 */
record SharedHandle(SharedKind kind, String path, long block, SharedKind tag, long inner, Serializable extra) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    static SharedHandle of(SharedKind kind, SharedHeap.Block block, SharedKind tag, long inner, Serializable extra) {
        return new SharedHandle(kind, block.segment().path(), block.offset(), tag, inner, extra);
    }

    @Serial
    private Object readResolve() {
        SharedHeap.Block b = SharedHeap.attach(path, block, tag);
        return switch (kind) {
            case LOCK -> new SharedLock(b, tag, inner);
            case RLOCK -> new SharedRLock(b, tag, inner);
            case SEMAPHORE -> new SharedSemaphore(b);
            case EVENT -> new SharedEvent(b);
            case CONDITION -> new SharedCondition(b, (Lock) extra);
            case BARRIER -> new SharedBarrier(b, (SharedBarrier.Config) extra);
            case VALUE -> new SharedValue(new NumberStore(b, tag));
            case ARRAY -> new SharedArray(new NumberStore(b, tag));
            case QUEUE, JOINABLE_QUEUE, SIMPLE_QUEUE -> throw new IllegalStateException("a " + kind + " travels as a QueueRef, not a handle");
        };
    }
}
