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
record ParentRole(String name, long parentPid, Optional<ProcessHandle> handle) implements ProcessRole {

    ParentRole(String name, long parentPid) {
        this(name, parentPid, ProcessHandle.of(parentPid));
    }

    @Override
    public void start(Process process) {
        throw refused("start");
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
    public void requireNew(String what, String message) {
        throw refused(what);
    }

    @Override
    public void signal(String what, boolean kill) {
        throw refused(what);
    }

    @Override
    public void close() {
    }

    @Override
    public String describe(Process process) {
        return " pid=" + parentPid + " (parent)";
    }

    private IllegalStateException refused(String what) {
        return new IllegalStateException("cannot " + what + " " + name + ": it is the parent process");
    }
}
