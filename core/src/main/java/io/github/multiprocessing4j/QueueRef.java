package io.github.multiprocessing4j;

import java.io.Serial;
import java.io.Serializable;

/**
 * What a queue becomes on its way to another process: the path of its ring and which kind of
 * queue to rebuild there. The receiving process attaches to the same shared memory.
 *
 * @param path the ring's segment
 * @param kind {@link #QUEUE}, {@link #JOINABLE} or {@link #SIMPLE}
 */
record QueueRef(String path, int kind) implements Serializable {

    static final int QUEUE = 0;
    static final int JOINABLE = 1;
    static final int SIMPLE = 2;

    @Serial
    private Object readResolve() {
        return kind == SIMPLE ? SharedSimpleQueue.attach(path) : SharedQueue.attach(path, kind == JOINABLE);
    }
}
