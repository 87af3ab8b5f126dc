package io.github.multiprocessing4j.internal.worker;

import io.github.multiprocessing4j.internal.runtime.ChildSpec;

import java.io.Serializable;

/**
 * What a pool sends a worker JVM it launched ({@code POOL_WORKER}): the worker's place in the
 * process tree and the run, and the pool's initializer.
 *
 * @param child       the worker's name, identity, parent and run ({@link ChildSpec#process()} unused)
 * @param initializer a serialized {@code SerializableRunnable} run once before the first task,
 *                    or null
 */
public record PoolWorkerSpec(ChildSpec child, byte[] initializer) implements Serializable {
}
