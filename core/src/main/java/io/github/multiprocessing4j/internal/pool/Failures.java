package io.github.multiprocessing4j.internal.pool;

import io.github.multiprocessing4j.internal.serial.RemoteFailure;

/**
 * Turns a {@link RemoteFailure} into the exception the caller sees.
 *
 * <ul>
 *   <li>An unchecked exception (or error) thrown by a task: a copy of it (same class, message and
 *       fields), whose cause is the original as it was thrown, with the worker's stack trace.
 *       (When the copy's cause slot is already taken, the original is attached as suppressed.)</li>
 *   <li>A checked exception: {@code TaskFailedException} caused by it.</li>
 *   <li>An exception that cannot be rebuilt here, a result that could not be serialized, a task
 *       that could not be deserialized: {@code TaskFailedException} with the remote text.</li>
 * </ul>
 * The exceptions made here carry an empty stack trace, which {@link #forCaller} fills with the
 * stack of the thread that receives the failure.
 */
public final class Failures {

    private static final StackTraceElement[] NONE = new StackTraceElement[0];

    private Failures() {
    }

    static Throwable toException(RemoteFailure failure, PoolErrors errors) {
        Throwable original = failure.kind() == RemoteFailure.TASK ? failure.rebuild() : null;
        if (original == null) {
            String what = switch (failure.kind()) {
                case RemoteFailure.RESULT -> "the task's result could not be sent back: ";
                case RemoteFailure.INPUT -> "the task could not be read in the worker: ";
                default -> "the task failed with an exception that cannot be rebuilt here: ";
            };
            String message = failure.message() == null ? failure.className() : failure.className() + ": " + failure.message();
            Throwable cause = failure.kind() == RemoteFailure.TASK ? null : failure.rebuild();
            return local(errors.taskFailed(what + message + remoteText(failure, cause), failure.className(),
                    failure.stackText(), cause));
        }
        if (!(original instanceof RuntimeException) && !(original instanceof Error)) {
            return local(errors.taskFailed("the task failed with " + original, failure.className(),
                    failure.stackText(), original));
        }
        Throwable copy = failure.rebuild();
        try {
            copy.initCause(original);
        } catch (IllegalStateException | IllegalArgumentException alreadySet) {
            copy.addSuppressed(original);
        }
        return local(copy);
    }

    private static String remoteText(RemoteFailure failure, Throwable cause) {
        return cause != null ? "" : "\nremote stack trace:\n" + failure.stackText().stripTrailing();
    }

    /** Empties the stack trace of an exception made by the pool, for {@link #forCaller}. */
    static <T extends Throwable> T local(T t) {
        t.setStackTrace(NONE);
        return t;
    }

    /** Gives an exception made by the pool the stack trace of the thread about to throw it. */
    public static Throwable forCaller(Throwable t) {
        if (t.getStackTrace().length == 0) {
            StackTraceElement[] here = new Throwable().getStackTrace();
            t.setStackTrace(java.util.Arrays.copyOfRange(here, Math.min(1, here.length), here.length));
        }
        return t;
    }
}
