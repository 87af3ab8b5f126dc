/**
 * multiprocessing4j: Python's {@code multiprocessing} for Java, over real processes.
 *
 * <p>Start here: {@link io.github.multiprocessing4j.Process} runs a task in a child JVM,
 * {@link io.github.multiprocessing4j.Pool} keeps worker JVMs and hands them work,
 * {@link io.github.multiprocessing4j.Multiprocessing} has Python's module-level functions and the
 * factories of shared objects ({@code Value}, {@code Array}, {@code Lock}, {@code Queue},
 * {@code Pipe}…), and {@link io.github.multiprocessing4j.Context} the same factories for a start
 * method.
 *
 * <pre>{@code
 * try (Pool pool = new Pool(4)) {
 *     System.out.println(pool.map(x -> x * x, List.of(1, 2, 3)));   // [1, 4, 9]
 * }
 * }</pre>
 *
 * <h2>How the library is built</h2>
 * This package is the only one the module exports: the public types, and the package-private
 * classes that implement its interfaces over the machinery in {@code internal.*} (queues,
 * connections, locks and values; the roles of a {@code Process}; the local {@code Context}). The
 * internal packages form layers, each using only the ones below it (checked by a test):
 * <pre>
 *   internal.worker    the child JVM's program; an application of this package (the one seam)
 *   (this package)     the public API and the classes behind it
 *   internal.spi       what a backend (a Context implementation) supplies to Process
 *   internal.pool      the parent's pool engine
 *   internal.ipc       queue rings, feeders, pipe-end holds, blobs, auth keys
 *   internal.sync      the futex protocols of events, semaphores, conditions, barriers
 *   internal.shm       shared-memory segments, descriptors, futex waiting, robust locks
 *   internal.runtime   launching and supervising child JVMs; the run and its directory
 *   internal.protocol  the control channel: one codec per message
 *   internal.serial    the compact codec and JDK serialization
 * </pre>
 * No internal package but {@code internal.worker} imports this one: an engine reports what
 * happened (an interruption, a dead worker, bytes it could not read), and the class here that
 * users hold turns it into the public exception.
 */
package io.github.multiprocessing4j;
