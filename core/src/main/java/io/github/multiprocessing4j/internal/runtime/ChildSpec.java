package io.github.multiprocessing4j.internal.runtime;

import java.io.Serializable;

/**
 * What a parent tells a child it launched to run one {@code Process}: the serialized process
 * object and the child's place in the process tree and the run.
 *
 * @param process    the serialized {@code Process} (target and all)
 * @param name       the child's name
 * @param identity   the child's identity (see {@link Self})
 * @param daemon     whether the child is a daemon
 * @param parentName the parent's name
 * @param parentPid  the parent's pid
 * @param runId      the run id (see {@link RunDirectory})
 * @param runDir     the run directory
 */
public record ChildSpec(byte[] process, String name, int[] identity, boolean daemon,
                        String parentName, long parentPid, String runId, String runDir) implements Serializable {
}
