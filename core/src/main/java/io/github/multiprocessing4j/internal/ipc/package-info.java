/**
 * Queues, pipes and socket connections: the transport under {@code Queue}, {@code JoinableQueue},
 * {@code SimpleQueue}, {@code Pipe}, {@code Connection}, {@code Listener} and {@code Client}.
 *
 * <h2>Rings</h2>
 * Everything that moves between the processes of a run moves through a {@link
 * io.github.multiprocessing4j.internal.ipc.Ring}: variable-length records in a shared-memory
 * segment ({@link io.github.multiprocessing4j.internal.ipc.RingDescriptor} draws the layout),
 * guarded by two robust locks (producers add under one, consumers remove under the other, so a
 * copy in and a copy out run at once), with futex words that producers and consumers sleep on. An item too
 * long for the ring's records goes to a file of its own ({@link
 * io.github.multiprocessing4j.internal.ipc.Blobs}) and the ring carries its path.
 *
 * <pre>
 *   Queue / JoinableQueue ──▶ SharedQueue ──▶ QueueCore ──▶ Ring ◀── Feeder (unbounded: spill buffer)
 *   SimpleQueue ───────────▶ SharedSimpleQueue ──┘
 *   Pipe ends ─────────────▶ RingConnection ──▶ two Rings (duplex: one segment) or one
 *   every queue object and pipe end is a hold (RingHolds, Holders): the memory goes with the last
 *   Listener / Client ─────▶ SocketConnection (CPython's framing) + Challenge (HMAC)
 *                            both are MessageConnections: checks, serialization, end of stream
 * </pre>
 *
 * <h2>Crossing to another process</h2>
 * Queues serialize as a {@code QueueRef} and pipe ends as a {@code ConnectionRef}: the segment's
 * path, which the receiving process attaches to. A form on its way to a process the library
 * launches keeps the memory until that process ended ({@link
 * io.github.multiprocessing4j.internal.ipc.Transit}); any other keeps it for the run. Socket
 * connections stay in their process.
 *
 * <h2>Dying processes</h2>
 * A process killed holding one of a ring's locks loses it to the next taker, who completes the
 * add or undoes the removal it left half done ({@link
 * io.github.multiprocessing4j.internal.ipc.RingDescriptor}); a pipe end whose holders all
 * died reads as closed ({@link io.github.multiprocessing4j.internal.ipc.Holders}).
 */
package io.github.multiprocessing4j.internal.ipc;
