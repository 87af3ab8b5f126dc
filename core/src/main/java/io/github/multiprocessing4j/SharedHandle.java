package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.shm.SharedHeap;

import java.io.Serial;
import java.io.Serializable;

/**
 * What a shared-memory object becomes when serialized (its {@code writeReplace}): where its
 * block is ({@link SharedHeap}), where in the block the object starts, and any configuration
 * kept outside shared memory (a barrier's action, a condition's lock). Deserializing it
 * ({@code readResolve}) attaches to the same memory, so a {@link Value} or {@link Lock} captured
 * by a lambda is the same object in the child process.
 *
 * @param type   which object: "lock", "rlock", "semaphore", "event", "condition", "barrier", "value", "array"
 * @param path   the heap segment's file
 * @param block  the block's offset in the segment
 * @param tag    the block's tag (an RLock may live inside a value's block)
 * @param inner  where the object starts in the block's memory
 * @param extra  configuration that is not in shared memory, or null
 */
record SharedHandle(String type, String path, long block, String tag, long inner, Serializable extra) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    static SharedHandle of(String type, SharedHeap.Block block, String tag, long inner, Serializable extra) {
        return new SharedHandle(type, block.segment().path(), block.offset(), tag, inner, extra);
    }

    @Serial
    private Object readResolve() {
        SharedHeap.Block b = SharedHeap.attach(path, block, tag);
        return switch (type) {
            case "lock" -> new SharedLock(b, tag, inner);
            case "rlock" -> new SharedRLock(b, tag, inner);
            case "semaphore" -> new SharedSemaphore(b);
            case "event" -> new SharedEvent(b);
            case "condition" -> new SharedCondition(b, (Lock) extra);
            case "barrier" -> new SharedBarrier(b, (SharedBarrier.Config) extra);
            case "value" -> new SharedValue(new NumberStore(b, tag));
            case "array" -> new SharedArray(new NumberStore(b, tag));
            default -> throw new IllegalStateException("unknown shared object type '" + type + "'");
        };
    }
}
