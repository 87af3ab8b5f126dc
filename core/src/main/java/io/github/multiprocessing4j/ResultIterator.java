package io.github.multiprocessing4j;

import java.time.Duration;
import java.util.Iterator;

/**
 * The results of {@link Pool#imap} and {@link Pool#imapUnordered}, as they come: an
 * {@link Iterator} whose {@code next} can wait with a timeout (Python's
 * {@code IMapIterator.next(timeout)}).
 *
 * <p>The input is read lazily, in the thread that iterates: only a bounded number of chunks is
 * in flight (submitted and not yet consumed), so an endless input is fine. A task that failed
 * throws its exception from the {@code next} that reaches it, and iteration may go on after it;
 * an exception thrown by the input iterator is thrown once every result before it was returned.
 *
 * <pre>{@code
 * ResultIterator<Integer> squares = pool.imap(x -> x * x, List.of(1, 2, 3));
 * while (squares.hasNext()) {
 *     System.out.println(squares.next(Duration.ofSeconds(10)));
 * }
 * }</pre>
 *
 * @param <R> the type of the results
 */
public interface ResultIterator<R> extends Iterator<R> {

    /**
     * The next result, waiting at most {@code timeout}.
     *
     * @param timeout how long to wait
     * @return the task's result
     * @throws ResultTimeoutException          when no result came in time (the call may be repeated)
     * @throws java.util.NoSuchElementException when there are no more results
     */
    R next(Duration timeout);
}
