package io.github.multiprocessing4j;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The role of the {@link Process} object standing for this JVM's parent, seen from a child: its
 * pid and liveness, and a {@code join} that waits for it to end. It cannot be started or
 * signalled from here.
 *
 * @param name   the parent's name
 * @param parentPid the parent's pid
 * @param handle the parent's process handle, empty when it has already gone
 */
record ParentRole(String name, long parentPid, Optional<ProcessHandle> handle) implements ProcessRole.View {

    ParentRole(String name, long parentPid) {
        this(name, parentPid, ProcessHandle.of(parentPid));
    }

    @Override
    public CompletableFuture<Integer> end(String what) {
        return handle.map(h -> h.onExit().thenApply(x -> 0)).orElse(CompletableFuture.completedFuture(0));
    }

    @Override
    public boolean isAlive() {
        return handle.map(ProcessHandle::isAlive).orElse(false);
    }

    @Override
    public Integer exitCode() {
        return null;
    }

    @Override
    public Long pid() {
        return parentPid;
    }

    @Override
    public String describe(Process process) {
        return " pid=" + parentPid + " (parent)";
    }

    @Override
    public String relation() {
        return "the parent process";
    }
}
