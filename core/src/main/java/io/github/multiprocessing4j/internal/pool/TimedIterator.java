package io.github.multiprocessing4j.internal.pool;

import java.time.Duration;
import java.util.Iterator;

/**
 * The results of an {@code imap} call as the engine delivers them; the public API shows it as a
 * {@code ResultIterator}.
 *
 * @param <T> the type of the results
 */
public interface TimedIterator<T> extends Iterator<T> {

    /**
     * @param timeout how long to wait for the next result; null waits as long as it takes
     * @return the next result
     * @throws java.util.NoSuchElementException when there is none
     */
    T next(Duration timeout);
}
