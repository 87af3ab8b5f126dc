package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.shm.Segment;

import java.io.Serial;
import java.io.Serializable;

/**
 * What a shared-memory object becomes when serialized (its {@code writeReplace}): the segment's
 * path and kind, where in it the object lives, and any configuration kept outside shared memory
 * (a barrier's action, a condition's lock). Deserializing it ({@code readResolve}) attaches to the
 * same memory, so a {@link Value} or {@link Lock} captured by a lambda is the same object in the
 * child process.
 *
 * @param type   which object: "lock", "rlock", "semaphore", "event", "condition", "barrier", "value", "array"
 * @param path   the segment's file
 * @param kind   the segment's kind
 * @param offset where the object starts in the segment's body
 * @param extra  configuration that is not in shared memory, or null
 */
record SharedHandle(String type, String path, String kind, long offset, Serializable extra) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    static SharedHandle of(String type, Segment segment, long offset, Serializable extra) {
        return new SharedHandle(type, segment.path(), segment.kind(), offset, extra);
    }

    @Serial
    private Object readResolve() {
        Segment segment = Segment.attach(path, kind);
        return switch (type) {
            case "lock" -> new SharedLock(segment, offset);
            case "rlock" -> new SharedRLock(segment, offset);
            case "semaphore" -> new SharedSemaphore(segment);
            case "event" -> new SharedEvent(segment);
            case "condition" -> new SharedCondition(segment, (Lock) extra);
            case "barrier" -> new SharedBarrier(segment, (SharedBarrier.Config) extra);
            case "value" -> new SharedValue(new NumberStore(segment));
            case "array" -> new SharedArray(new NumberStore(segment));
            default -> throw new IllegalStateException("unknown shared object type '" + type + "'");
        };
    }
}
