package io.github.multiprocessing4j;

import java.util.concurrent.CompletableFuture;

/**
 * What a {@link Process} object stands for, which decides what its methods do: a child started
 * (or to be started) from this JVM ({@link ChildRole}), this JVM itself ({@link SelfRole}: "MainProcess"
 * in a root JVM, the running process in a child), or this JVM's parent seen from a child
 * ({@link ParentRole}). Only a child's role changes state; the other two are views.
 */
sealed interface ProcessRole permits ChildRole, ProcessRole.View {

    /** Starts the child (a child's role only). */
    void start(Process process);

    /**
     * @param what the caller's verb, for messages
     * @return completed with the exit code once the process has ended
     */
    CompletableFuture<Integer> end(String what);

    boolean isAlive();

    /** @return the exit code, or null while the process runs (or for a view) */
    Integer exitCode();

    /** @return the pid, or null before the child was started */
    Long pid();

    /**
     * Checks that a setting may still change (a child's role before start only).
     *
     * @param what    the setting, for the message of a view
     * @param message the message when a child has started
     */
    void requireNew(String what, String message);

    /** Sends SIGTERM or SIGKILL (a child's role only). */
    void signal(String what, boolean kill);

    /** Interrupts the thread running the target (a child's role only). */
    void interrupt();

    /** Releases the object (a child's role); a view has nothing to release. */
    void close();

    /** @return the state part of {@code toString()}: " pid=… started", " (this process)"… */
    String describe(Process process);

    /**
     * A role that stands for a process this JVM did not start (itself, its parent): it cannot be
     * started, reconfigured or signalled from here, and has nothing to release.
     */
    sealed interface View extends ProcessRole permits SelfRole, ParentRole {

        /** @return the process's name */
        String name();

        /** @return what the process is to this JVM: "the current process", "the parent process" */
        String relation();

        @Override
        default void start(Process process) {
            throw refused("start");
        }

        @Override
        default void requireNew(String what, String message) {
            throw refused(what);
        }

        @Override
        default void signal(String what, boolean kill) {
            throw refused(what);
        }

        @Override
        default void interrupt() {
            throw refused("interrupt");
        }

        @Override
        default void close() {
        }

        private IllegalStateException refused(String what) {
            return new IllegalStateException("cannot " + what + " " + name() + ": it is " + relation());
        }
    }
}
