package io.github.multiprocessing4j;

import java.time.Duration;

/**
 * A first-in, first-out queue shared by any number of processes: Python's
 * {@code multiprocessing.Queue}. Make one with {@link Multiprocessing#queue()} or
 * {@link Multiprocessing#queue(int)}; a lambda that captures it and runs in a child
 * {@link Process} uses the very same queue there.
 *
 * <pre>{@code
 * Queue<Integer> q = Multiprocessing.queue(10);
 * Process producer = new Process(() -> { for (int i = 1; i <= 3; i++) q.put(i); });
 * producer.start();
 * System.out.println(q.get() + q.get() + q.get());   // 6
 * producer.join();
 * }</pre>
 *
 * <h2>How it works</h2>
 * Items are serialized in {@link #put} (in the caller's thread: an item that cannot be
 * serialized fails there with an {@link IllegalArgumentException} naming its type, and the queue
 * is unharmed) and travel through a ring buffer in shared memory, so no process brokers them.
 * A {@code byte[]} item is not serialized at all: it is copied into the ring as it is (the caller
 * may reuse its array once {@code put} returns), the fastest way to move bulk data.
 * Items from one producer come out in the order they were put; items of different producers
 * interleave. {@link #qsize()} is exact, on every platform. A {@code get} that finds the queue
 * empty spins briefly before it sleeps (20 to 100 µs, longer while items keep coming soon after:
 * waking a sleeping process costs tens of microseconds); system property
 * {@code mp4j.queue.spinNanos} sets the longest spin (0: sleep at once).
 *
 * <h2>Bounded and unbounded</h2>
 * {@code maxsize} counts items. A bounded queue blocks {@code put} while it holds
 * {@code maxsize} items. An unbounded queue ({@code maxsize} 0) never blocks {@code put}: when
 * the shared ring is out of room, the items wait in a buffer of the putting process, which a
 * background thread (the <em>feeder</em>) moves into the ring as consumers make room (a
 * {@code byte[]} of 64 KiB or more is kept there off the Java heap, and before buffering it
 * {@code put} waits for room as long as copying it aside would take, as measured in this process,
 * since a consumer usually makes room sooner). A child process does not exit before
 * its feeder has delivered everything it put, so nothing put is lost (as in Python, a child
 * that put more than the ring holds therefore exits only once a consumer has taken enough; {@link #cancelJoinThread()} lifts that, dropping what is left). The
 * main process does not wait at exit: the queue ends with it. Rings are sized so that a bounded
 * queue holds its {@code maxsize} items of up to a few KiB each inline; a longer item travels in
 * a file of its own in {@code /dev/shm}, which only costs a little more time.
 *
 * <h2>When a process dies</h2>
 * A process killed while it blocks in, or holds the queue's lock in, {@code put} or {@code get}
 * does not wedge the queue for the others: the lock records its owner and the next process to
 * take it repairs the ring. An item that a killed consumer had taken out of the queue is gone
 * with it (the count of a {@link JoinableQueue} then keeps it as unfinished); an item whose
 * transfer the kill interrupted stays in the queue for the others. Items still in the feeder
 * buffer of a killed producer are lost with it.
 *
 * <h2>Memory</h2>
 * A queue's memory grows with what it holds and goes back once no process uses it: every object
 * of it closed, garbage collected or ended with its process, and no copy of it on its way to a
 * process. A queue captured by a child {@link Process} or a pool's initializer is kept until that
 * child ended (the pool stopped), one sent through a queue or a pipe until its receiver has it;
 * one in a pool task's function or arguments (which a retry may deserialize again) is kept until
 * the main process exits.
 *
 * @param <T> the type of the items
 */
public interface Queue<T> {

    /**
     * Puts an item, waiting for room in a bounded queue.
     *
     * @param item the item, which must be serializable ({@code null} is allowed)
     * @throws IllegalArgumentException when the item cannot be serialized; the queue is unchanged
     * @throws IllegalStateException    when this queue object was closed
     * @throws ProcessException         when interrupted (the interrupt flag is restored)
     */
    void put(T item);

    /**
     * Puts an item, waiting at most {@code timeout} for room.
     *
     * @param item    the item
     * @param timeout how long to wait; zero or negative: do not wait
     * @throws QueueFullException when there was no room in time; the item was not put
     */
    void put(T item, Duration timeout);

    /**
     * Puts an item if there is room now.
     *
     * @param item the item
     * @throws QueueFullException when the queue is full; the item was not put
     */
    void putNowait(T item);

    /**
     * Takes the oldest item, waiting for one.
     *
     * @return the item
     * @throws IllegalStateException when this queue object was closed
     * @throws ProcessException      when interrupted (the interrupt flag is restored)
     */
    T get();

    /**
     * Takes the oldest item, waiting at most {@code timeout} for one.
     *
     * @param timeout how long to wait; zero or negative: do not wait
     * @return the item
     * @throws QueueEmptyException when no item came in time
     */
    T get(Duration timeout);

    /**
     * Takes the oldest item if there is one now.
     *
     * @return the item
     * @throws QueueEmptyException when the queue is empty
     */
    T getNowait();

    /**
     * Python's {@code qsize()}: exact, across processes. An item counts from the moment its
     * {@code put} adds it to the shared ring (just before a consumer can take it) until the
     * {@code get} that takes it has copied it out (just before that {@code get} returns).
     *
     * @return the exact number of items in the queue, including those still in the buffer of
     *         this process's feeder (but not those in other processes' feeder buffers, which are
     *         not in the queue yet)
     */
    int qsize();

    /**
     * Python's {@code empty()}.
     *
     * @return whether {@link #qsize()} is 0 (a snapshot: other processes may change it at once)
     * @throws IllegalStateException when this queue object was closed after it was used, as in Python
     */
    boolean empty();

    /** {@return whether a bounded queue holds {@code maxsize} items; always false when unbounded} */
    boolean full();

    /**
     * Says that this process will put and get no more through this object. The feeder still
     * delivers what was put, then this object's hold on the queue's memory is given back (the
     * memory goes with the last hold, see "Memory" above); other processes and other objects for
     * the same queue are not affected. A closed queue cannot be sent to another process. Closing
     * twice is harmless.
     */
    void close();

    /**
     * Waits until the feeder has delivered everything this process put. Only after
     * {@link #close()}.
     *
     * @throws IllegalStateException before {@code close()}
     */
    void joinThread();

    /**
     * Lets this process exit without waiting for its feeder to deliver what it put: items still
     * in this process's buffer at exit are lost. For a process that must not block at exit.
     */
    void cancelJoinThread();
}
