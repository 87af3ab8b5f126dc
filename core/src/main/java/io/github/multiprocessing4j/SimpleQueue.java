package io.github.multiprocessing4j;

/**
 * The plain shared queue: {@code put}, {@code get}, {@code empty}, {@code close}, with no size
 * bound, no timeouts and no feeder thread. Python's {@code multiprocessing.SimpleQueue}. Items
 * travel through the same shared-memory ring as a {@link Queue}'s; {@code put} may block while
 * the ring is out of room.
 *
 * <pre>{@code
 * SimpleQueue<String> q = Multiprocessing.simpleQueue();
 * Process p = new Process(() -> q.put("hello from the child"));
 * p.start();
 * System.out.println(q.get());
 * p.join();
 * }</pre>
 *
 * @param <T> the type of the items
 */
public interface SimpleQueue<T> {

    /**
     * Puts an item, waiting while the ring is out of room.
     *
     * @param item the item, which must be serializable
     * @throws IllegalArgumentException when the item cannot be serialized; the queue is unchanged
     * @throws IllegalStateException    when this queue object was closed
     */
    void put(T item);

    /**
     * Takes the oldest item, waiting for one.
     *
     * @return the item
     * @throws IllegalStateException when this queue object was closed
     */
    T get();

    /**
     * Takes the oldest item, waiting at most {@code timeout} for one (an extra of
     * multiprocessing4j: every blocking call has a timed form).
     *
     * @param timeout how long to wait; zero or negative: do not wait
     * @return the item
     * @throws QueueEmptyException when no item came in time
     */
    T get(java.time.Duration timeout);

    /**
     * Python's {@code empty()}.
     *
     * @return whether the queue holds no item
     * @throws IllegalStateException when this queue object was closed
     */
    boolean empty();

    /**
     * Says that this process will use this object no more, and gives back its hold on the queue's
     * memory (which goes with the last hold, as a {@link Queue}'s). Closing twice is harmless.
     */
    void close();
}
