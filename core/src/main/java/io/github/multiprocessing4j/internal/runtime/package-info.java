/**
 * Child JVMs and the run they belong to: launching a child ({@code JvmLauncher}, with the AOT
 * cache of {@code AotCache}), supervising it ({@code ChildJvm}: its control channel, its output
 * pumped into this JVM's streams, its exit code), the control socket's server ({@code
 * ControlServer}), idle JVMs of the "warm" start method ({@code WarmPool}), this JVM's own place
 * in the process tree ({@code Self}, {@code Children}), and the run ({@code RunDirectory}: the
 * run id that names every file and socket, swept when its root is gone; {@code Lifecycle}: what
 * happens at exit).
 *
 * <p>Layer: uses {@code internal.protocol} and {@code internal.serial}; used by everything above.
 * It starts the worker's programs ({@code internal.worker}, a layer above) by class name, checked
 * by a test.
 */
package io.github.multiprocessing4j.internal.runtime;
