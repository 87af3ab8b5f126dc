/**
 * The shared-memory synchronization protocols behind the public {@code Event}, {@code Semaphore},
 * {@code Condition} and {@code Barrier}: each a class of static methods over the object's bytes
 * of shared memory, its layout drawn in its javadoc (the lock's protocol is {@code
 * internal.shm.RobustLock}). They wait with {@code internal.shm.Futex}, throw {@code
 * InterruptedException} and JDK exceptions, and know nothing of the public API: its classes
 * hold the memory, translate interrupts and breakage into the public exceptions, and travel
 * between processes as handles.
 *
 * <p>Layer: above {@code internal.shm}, which it uses; below {@code internal.ipc} and the public API.
 */
package io.github.multiprocessing4j.internal.sync;
