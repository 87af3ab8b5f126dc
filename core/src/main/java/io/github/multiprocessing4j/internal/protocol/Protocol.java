package io.github.multiprocessing4j.internal.protocol;

/**
 * The control channel between a parent JVM and each child JVM it launched: constants and the
 * message catalogue.
 *
 * <h2>Connection</h2>
 * The parent listens on a Unix domain socket inside the run directory (mode 0700). It launches
 * the child with the socket's path as the only program argument and writes a one-time token,
 * one line, to the child's stdin. The child connects and sends {@link #HELLO}; the parent
 * answers a wrong token by closing the connection, and a different {@link #VERSION} with
 * {@link #REFUSED}. The child watches its parent's process handle and exits when it is gone.
 *
 * <h2>Frames</h2>
 * <pre>
 *   0               4       5
 *  +---------------+-------+---------------------------+
 *  | length (int)  | type  | payload (length - 1 bytes) |
 *  +---------------+-------+---------------------------+
 * </pre>
 * Big-endian, as {@link java.io.DataOutput}. {@code length} counts the type byte and the payload.
 *
 * <h2>Messages</h2>
 * <pre>
 *  type            direction       payload
 *  HELLO           child → parent  int version, long pid, UTF token
 *  REFUSED         parent → child  UTF reason
 *  RUN_PROCESS     parent → child  a ChildSpec (see its encoding): run one Process, then exit
 *  EXITING         child → parent  empty: the child is exiting by itself (System.exit or return),
 *                                  so its exit status is a code, not a signal
 * </pre>
 */
public final class Protocol {

    /** The wire protocol's version; a child speaking another one is refused. */
    public static final int VERSION = 1;

    public static final byte HELLO = 1;
    public static final byte REFUSED = 2;
    public static final byte RUN_PROCESS = 3;
    public static final byte EXITING = 4;

    /** Frames above this size are refused as corrupt (a frame carries one message, not bulk data). */
    public static final int MAX_FRAME = Integer.MAX_VALUE - 8;

    private Protocol() {
    }
}
