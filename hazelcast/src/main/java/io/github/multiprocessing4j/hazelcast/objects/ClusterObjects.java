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

import java.time.Duration;

/**
 * The shared objects of a {@code HazelcastContext}, living in the cluster. (Being written: every
 * factory below is replaced by the cluster implementation in this package.)
 */
public final class ClusterObjects {

    private final ClusterLink link;

    public ClusterObjects(ClusterLink link) {
        this.link = link;
    }

    private UnsupportedOperationException notYet() {
        return new UnsupportedOperationException("not yet on the cluster " + link.clusterName());
    }

    public Value value(char typecode, Number initial, boolean lock) { throw notYet(); }
    public Array array(char typecode, int size, boolean lock) { throw notYet(); }
    public Array array(char typecode, Number[] initial, boolean lock) { throw notYet(); }
    public Lock lock() { throw notYet(); }
    public RLock rLock() { throw notYet(); }
    public Semaphore semaphore(int value, boolean bounded) { throw notYet(); }
    public Event event() { throw notYet(); }
    public Condition condition(Lock lock) { throw notYet(); }
    public Barrier barrier(int parties, SerializableRunnable action, Duration timeout) { throw notYet(); }
    public <T> Queue<T> queue(int maxsize) { throw notYet(); }
    public <T> JoinableQueue<T> joinableQueue(int maxsize) { throw notYet(); }
    public <T> SimpleQueue<T> simpleQueue() { throw notYet(); }
    public Pipe pipe(boolean duplex) { throw notYet(); }
    public Manager manager() { throw notYet(); }
}
