package io.github.multiprocessing4j;

import java.time.Duration;

/**
 * A {@link Queue} that also counts unfinished tasks: every {@code put} adds one, every
 * {@link #taskDone()} removes one, and {@link #join()} waits for the count to reach zero.
 * Python's {@code multiprocessing.JoinableQueue}. The count lives in shared memory beside the
 * items, so any process may put, take and call {@code taskDone}.
 *
 * <pre>{@code
 * JoinableQueue<String> jobs = Multiprocessing.joinableQueue();
 * Process worker = new Process(() -> {
 *     while (true) {
 *         String job = jobs.get();
 *         System.out.println("did " + job);
 *         jobs.taskDone();
 *     }
 * });
 * worker.setDaemon(true);
 * worker.start();
 * jobs.put("a");
 * jobs.put("b");
 * jobs.join();            // returns once the worker has done both
 * }</pre>
 *
 * @param <T> the type of the items
 */
public interface JoinableQueue<T> extends Queue<T> {

    /**
     * Says that a task taken with {@code get} is finished.
     *
     * @throws IllegalStateException when called more times than items were put
     */
    void taskDone();

    /**
     * Waits until every item put has been taken and marked done.
     *
     * @throws ProcessException when interrupted (the interrupt flag is restored)
     */
    void join();

    /**
     * Waits at most {@code timeout} until every item put has been taken and marked done.
     *
     * @param timeout how long to wait; zero or negative: do not wait
     * @return true when no task is unfinished
     */
    boolean join(Duration timeout);
}
