package io.github.multiprocessing4j.internal.pool;

import java.util.List;

/**
 * The exceptions a pool's results fail with, made by the public API (which owns their classes):
 * the engine decides when a task failed and why, the API decides what the caller catches.
 * Every method returns a new exception for the caller to complete a future with.
 */
public interface PoolErrors {

    /**
     * A task failed in a way that cannot be rethrown as the worker threw it (a checked exception,
     * an exception class missing here, a result or an input that could not travel).
     *
     * @param message     what happened, for the caller
     * @param remoteClass the name of the worker's exception class, or null
     * @param remoteStack the worker's stack trace as text, or null
     * @param cause       the rebuilt exception, when there is one
     * @return the exception
     */
    RuntimeException taskFailed(String message, String remoteClass, String remoteStack, Throwable cause);

    /**
     * The worker holding the task died.
     *
     * @param message    what happened, with the worker's stderr tail
     * @param pid        the worker's pid
     * @param exitCode   its exit code, negative for a signal
     * @param stderrTail the last lines it wrote to stderr
     * @param attempts   for a task run several times, the exceptions of every attempt, in order
     *                   (made by this method); empty otherwise
     * @return the exception
     */
    RuntimeException workerDied(String message, long pid, int exitCode, String stderrTail, List<RuntimeException> attempts);

    /**
     * A result did not come in time (the pool's task timeout, or a timed wait of the caller).
     *
     * @param message what happened
     * @return the exception
     */
    RuntimeException timedOut(String message);

    /**
     * A caller's wait was interrupted.
     *
     * @param what what the caller was waiting for
     * @param e    the interruption
     * @return the exception (the interrupt flag is restored by the caller)
     */
    RuntimeException interrupted(String what, InterruptedException e);

    /** Where the engine reports how many of a call's tasks are done (the API's ProgressListener). */
    @FunctionalInterface
    interface Progress {
        /**
         * @param done  tasks done so far
         * @param total tasks of the call
         */
        void progress(long done, long total);
    }
}
