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
 * One codec per message, in this package, used by both ends; each draws its payload:
 * <pre>
 *  type            direction       codec
 *  HELLO           child → parent  {@link Hello}: version, pid, token
 *  REFUSED         parent → child  {@link Refused}: why (another protocol version)
 *  RUN_PROCESS     parent → child  {@link ChildSpec}: run one Process, then exit (a warm JVM may
 *                                  stay instead: PROCESS_DONE)
 *  INTERRUPT       parent → child  {@link Interrupt}: interrupt the thread running this process's
 *                                  target (its finally blocks run; unhandled, the exit code is 1)
 *  EXITING         child → parent  empty: the child is exiting by itself (System.exit or return),
 *                                  so its exit status is a code, not a signal
 *  PROCESS_DONE    child → parent  {@link ProcessDone}: a warm or forkserver JVM's process ended;
 *                                  the JVM stays, idle, for another RUN_PROCESS or POOL_WORKER,
 *                                  or says that it exits now
 *  POOL_WORKER     parent → child  {@link ChildSpec} whose process is the serialized initializer
 *                                  (or empty): become a pool worker until POOL_STOP
 *  POOL_READY      child → parent  {@link PoolReady}: the initializer ran; send tasks; here is my
 *                                  status segment
 *  POOL_TASKS      parent → child  {@link PoolTasks}: a chunk of tasks
 *  POOL_RESULTS    child → parent  {@link PoolResults}: the chunk's results
 *  POOL_FORGET     parent → child  {@link PoolForget}: the map call is over; drop its function
 *  POOL_RECALL     parent → child  {@link PoolRecall}: give back this chunk if not started
 *  POOL_RECALLED   child → parent  {@link PoolRecalled}: given back, or already started
 *  POOL_STOP       parent → child  empty: exit (code 0) once the tasks received are done
 * </pre>
 * A pool worker holds at most a few chunks at a time (the parent sends more as results come
 * back, and recalls one the worker has not started when another worker runs out of work), and
 * a function travels once per worker and map call, with the worker's first chunk of it.
 * The byte counts in {@code POOL_RESULTS} let the parent deliver a result only after the output
 * the task printed has been copied, so that output comes before the result, as in Python.
 */
public final class Protocol {

    /** The wire protocol's version; a child speaking another one is refused. */
    public static final int VERSION = 4;

    /** Frame types, as the table above: those with a payload are their codec's. */
    public static final byte HELLO = Hello.TYPE;
    public static final byte REFUSED = Refused.TYPE;
    public static final byte RUN_PROCESS = ChildSpec.RUN_PROCESS;
    public static final byte EXITING = 4;
    public static final byte INTERRUPT = Interrupt.TYPE;
    public static final byte PROCESS_DONE = ProcessDone.TYPE;

    public static final byte POOL_WORKER = ChildSpec.POOL_WORKER;
    public static final byte POOL_READY = PoolReady.TYPE;
    public static final byte POOL_TASKS = PoolTasks.TYPE;
    public static final byte POOL_RESULTS = PoolResults.TYPE;
    public static final byte POOL_FORGET = PoolForget.TYPE;
    public static final byte POOL_STOP = 21;
    public static final byte POOL_RECALL = PoolRecall.TYPE;
    public static final byte POOL_RECALLED = PoolRecalled.TYPE;

    /** Frames above this size are refused as corrupt (a frame carries one message, not bulk data). */
    public static final int MAX_FRAME = Integer.MAX_VALUE - 8;

    private Protocol() {
    }
}
