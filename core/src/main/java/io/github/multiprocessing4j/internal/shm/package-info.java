/**
 * Shared memory and waiting on it: segments in {@code /dev/shm} mapped by every process that uses
 * them ({@code Segment}, its header drawn in {@code SegmentDescriptor}), the heap that places
 * small shared objects in one segment ({@code SharedHeap}) and the one vocabulary of their kinds
 * ({@code SharedKind}), atomic access ({@code Words}), futex
 * waits with a portable fallback ({@code Futex}, {@code Waiter}), the robust lock whose dead
 * holder's lock is taken over ({@code RobustLock}), and process liveness ({@code Liveness}).
 *
 * <p>Layer: uses {@code internal.runtime} (segments are named under the run) only.
 */
package io.github.multiprocessing4j.internal.shm;
