package io.github.multiprocessing4j;

import java.util.concurrent.CompletableFuture;

/**
 * The role of the {@link Process} object standing for this JVM: "MainProcess" in a root JVM, the
 * running process in a child. It is alive as long as anyone can ask; it cannot be started,
 * joined or signalled from within.
 */
record SelfRole(String name) implements ProcessRole {

    @Override
    public void start(Process process) {
        throw refused("start");
    }

    @Override
    public CompletableFuture<Integer> end(String what) {
        throw new IllegalStateException("cannot " + what + " the current process");
    }

    @Override
    public boolean isAlive() {
        return true;
    }

    @Override
    public Integer exitCode() {
        return null;
    }

    @Override
    public Long pid() {
        return ProcessHandle.current().pid();
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
        return " pid=" + pid() + " (this process)";
    }

    private IllegalStateException refused(String what) {
        return new IllegalStateException("cannot " + what + " " + name + ": it is the current process");
    }
}
