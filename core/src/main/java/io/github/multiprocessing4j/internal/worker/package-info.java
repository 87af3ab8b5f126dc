/**
 * The child JVM's program: {@code WorkerMain} connects to the parent, proves itself with its
 * token and does what it is told — run one {@code Process} ({@code RUN_PROCESS}), become a pool
 * worker ({@code PoolWorker}), or, in a "warm" JVM, wait for the next process ({@code
 * WarmProcesses}). Also the warm-ups of idle JVMs and the AOT cache's training run.
 *
 * <p>Layer: the top. It is an application of the public API (it runs the user's targets and
 * tasks, and warms up the API's paths), the one internal package that imports it; nothing imports
 * this package (the runtime names its main classes in strings, checked by a test).
 */
package io.github.multiprocessing4j.internal.worker;
