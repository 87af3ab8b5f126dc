package io.github.multiprocessing4j.internal.spi;

import java.util.List;

/**
 * How a backend starts the child of a {@code Process}: the local start methods launch (or take) a
 * child JVM on this machine; a cluster backend starts one on some member's machine. The public
 * {@code Process} finds its context's launcher through {@link Backends}.
 */
@FunctionalInterface
public interface ProcessLauncher {

    /**
     * Starts a child that runs the process serialized in {@code payload}.
     *
     * @param owner      the {@code Process} object, for lists of live children
     * @param name       the process's name
     * @param daemon     whether it is a daemon process
     * @param jvmOptions options for its JVM
     * @param payload    the process, serialized by the public API
     * @return the child's control, once it is launched
     */
    ProcessControl launch(Object owner, String name, boolean daemon, List<String> jvmOptions, byte[] payload);
}
