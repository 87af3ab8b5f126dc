package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.serial.RemoteFailure;

import java.io.Serial;
import java.io.Serializable;

/**
 * A call to an object of a manager, and its reply: the two messages of the manager's protocol,
 * sent with {@link Connection#send} on a pipe (or a TCP connection) per client.
 *
 * @param object the object's id in the manager; {@link #MANAGER} for the manager itself
 * @param method the operation (a method name of the object's kind, or of a user interface with its
 *               parameter types)
 * @param args   the arguments
 */
record ManagerCall(long object, String method, Object[] args) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The id of the manager itself: make, create, bind, lookup, listen, shutdown. */
    static final long MANAGER = 0;

    /**
     * The reply: a value, or the failure the call raised in the manager.
     *
     * @param value   the result, when {@code failure} is null
     * @param failure what the call threw, or null
     */
    record Reply(Object value, RemoteFailure failure) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }
}
