package io.github.multiprocessing4j.hazelcast.objects;

import io.github.multiprocessing4j.Array;
import io.github.multiprocessing4j.Barrier;
import io.github.multiprocessing4j.Condition;
import io.github.multiprocessing4j.Event;
import io.github.multiprocessing4j.JoinableQueue;
import io.github.multiprocessing4j.Lock;
import io.github.multiprocessing4j.Manager;
import io.github.multiprocessing4j.Pipe;
import io.github.multiprocessing4j.Queue;
import io.github.multiprocessing4j.RLock;
import io.github.multiprocessing4j.Semaphore;
import io.github.multiprocessing4j.SerializableRunnable;
import io.github.multiprocessing4j.SimpleQueue;
import io.github.multiprocessing4j.Value;
import io.github.multiprocessing4j.hazelcast.internal.ClusterLink;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * The shared objects of a {@code HazelcastContext}, living in the cluster. Every object made
 * here is serializable and small: it carries the {@link ClusterLink} and the names of its
 * Hazelcast state, and reaches the cluster lazily in whichever JVM it is used (a child process,
 * a worker on another machine), through that JVM's member or client for the cluster.
 *
 * <h2>Where the state lives</h2>
 * <ul>
 *   <li>Queues, joinable queues, simple queues: an {@code IQueue} each, of serialized items
 *       (a bounded one with a {@code QueueConfig} of its max size); a joinable queue's count in
 *       an IMap entry.</li>
 *   <li>Values and arrays: an entry of the IMap {@code mp4j.numbers}, changed by entry processors
 *       (atomic per operation).</li>
 *   <li>Locks and RLocks: {@code IMap.lock} on a key of {@code mp4j.locks} (Hazelcast frees it
 *       when the holder's client or member dies), with a holder record beside it.</li>
 *   <li>Semaphores, events, conditions, barriers, pipes' end states: entries of
 *       {@code mp4j.sync}, changed by entry processors.</li>
 *   <li>Pipes: two {@code IQueue}s, one per direction; the manager's containers: an IMap or an
 *       IList each.</li>
 * </ul>
 * Hazelcast Community has no CP subsystem ({@code FencedLock}, {@code IAtomicLong},
 * {@code ISemaphore} and {@code ICountDownLatch} are Enterprise-only), so none is used. The
 * entry processors are classes of this module, which every agent member has on its class path;
 * user classes and lambdas never run on a member.
 *
 * <h2>Waiting</h2>
 * Every blocking call has a timed form, waits in the calling JVM by polling a non-blocking
 * cluster operation with a pause growing to 10 ms (so a change is seen within about 10 ms), and
 * honours {@link Thread#interrupt()} as the local objects do: a
 * {@link io.github.multiprocessing4j.ProcessException} with the interrupt flag restored.
 *
 * <h2>Lifetime</h2>
 * An object's state lives as long as the cluster (the local objects live as long as the run);
 * nothing is destroyed when the context closes, since other processes may still use it.
 */
public final class ClusterObjects implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final ClusterLink link;

    /**
     * Factories for the objects of one cluster.
     *
     * @param link how every JVM reaches the cluster
     */
    public ClusterObjects(ClusterLink link) {
        this.link = Objects.requireNonNull(link, "link");
    }

    /**
     * A number in the cluster.
     *
     * @param typecode one of {@code b B h H i I l q f d c u ?}
     * @param initial  its first value, which must fit the typecode
     * @param lock     whether it has an {@link RLock} ({@code getLock()}); false for a raw value
     * @return the value
     * @throws IllegalArgumentException for an unknown typecode or an initial value that does not fit
     */
    public Value value(char typecode, Number initial, boolean lock) {
        return ClusterValue.create(link, typecode, initial, lock);
    }

    /**
     * An array of zeros in the cluster.
     *
     * @param typecode the elements' typecode
     * @param size     its length, not negative
     * @param lock     whether it has an {@link RLock}
     * @return the array
     */
    public Array array(char typecode, int size, boolean lock) {
        return ClusterArray.create(link, typecode, size, lock);
    }

    /**
     * An array in the cluster holding {@code initial}.
     *
     * @param typecode the elements' typecode
     * @param initial  its elements, each fitting the typecode
     * @param lock     whether it has an {@link RLock}
     * @return the array
     */
    public Array array(char typecode, Number[] initial, boolean lock) {
        return ClusterArray.create(link, typecode, initial, lock);
    }

    /** @return a new non-reentrant lock in the cluster */
    public Lock lock() {
        return new ClusterLock(link);
    }

    /** @return a new reentrant lock in the cluster */
    public RLock rLock() {
        return new ClusterRLock(link);
    }

    /**
     * A semaphore in the cluster.
     *
     * @param value   its initial value, not negative
     * @param bounded whether a release above the initial value is refused
     * @return the semaphore
     */
    public Semaphore semaphore(int value, boolean bounded) {
        return ClusterSemaphore.create(link, value, bounded);
    }

    /** @return a new event in the cluster, not set */
    public Event event() {
        return ClusterEvent.create(link);
    }

    /**
     * A condition in the cluster.
     *
     * @param lock its lock: a {@link Lock} or {@link RLock} made by a {@code HazelcastContext}
     * @return the condition
     * @throws IllegalArgumentException when the lock is not a cluster lock
     */
    public Condition condition(Lock lock) {
        return ClusterCondition.create(link, lock);
    }

    /**
     * A barrier in the cluster.
     *
     * @param parties how many parties meet at it, at least 1
     * @param action  run by the last party to arrive, in its process, before any is released; may be null
     * @param timeout the default timeout of {@code await()}; null for none
     * @return the barrier
     */
    public Barrier barrier(int parties, SerializableRunnable action, Duration timeout) {
        return ClusterBarrier.create(link, parties, action, timeout);
    }

    /**
     * A queue in the cluster.
     *
     * @param maxsize the most items it holds; 0 for no bound
     * @param <T>     the items' type
     * @return the queue
     * @throws IllegalArgumentException when {@code maxsize} is negative
     */
    public <T> Queue<T> queue(int maxsize) {
        return ClusterQueue.create(link, maxsize, false);
    }

    /**
     * A joinable queue in the cluster.
     *
     * @param maxsize the most items it holds; 0 for no bound
     * @param <T>     the items' type
     * @return the queue
     */
    public <T> JoinableQueue<T> joinableQueue(int maxsize) {
        return ClusterQueue.create(link, maxsize, true);
    }

    /**
     * A simple queue in the cluster.
     *
     * @param <T> the items' type
     * @return the queue
     */
    public <T> SimpleQueue<T> simpleQueue() {
        return ClusterSimpleQueue.create(link);
    }

    /**
     * A pipe over the cluster.
     *
     * @param duplex true for two-way ends; false for one-way ({@code left} receives, {@code right} sends)
     * @return its two ends
     */
    public Pipe pipe(boolean duplex) {
        return ClusterConnection.pipe(link, duplex);
    }

    /** @return a manager whose containers and objects live in the cluster (see the class comment of ClusterManager) */
    public Manager manager() {
        return new ClusterManager(link);
    }
}
