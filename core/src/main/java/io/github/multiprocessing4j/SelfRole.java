package io.github.multiprocessing4j;

import java.util.concurrent.CompletableFuture;

/**
 * The role of the {@link Process} object standing for this JVM: "MainProcess" in a root JVM, the
 * running process in a child. It is alive as long as anyone can ask; it cannot be started,
 * joined or signalled from within.
 */
record SelfRole(String name) implements ProcessRole.View {

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
    public String describe(Process process) {
        return " pid=" + pid() + " (this process)";
    }

    @Override
    public String relation() {
        return "the current process";
    }
}
