package io.github.multiprocessing4j;

import java.util.Objects;

/**
 * The two ends of a pipe: Python's {@code multiprocessing.Pipe()}, which returns them as a pair.
 * Make one with {@link Multiprocessing#pipe()} (duplex: each end sends and receives) or
 * {@link Multiprocessing#pipe(boolean) pipe(false)} (one-way: {@code left} receives,
 * {@code right} sends).
 *
 * <pre>{@code
 * Pipe pipe = Multiprocessing.pipe();
 * Connection child = pipe.right();
 * Process p = new Process(() -> child.send("hello through the pipe"));
 * p.start();
 * System.out.println((String) pipe.left().recv());
 * p.join();
 * }</pre>
 *
 * @param left  the first end (the receiving end of a one-way pipe)
 * @param right the second end (the sending end of a one-way pipe)
 */
public record Pipe(Connection left, Connection right) {

    /**
     * @param left  the first end
     * @param right the second end
     */
    public Pipe {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
    }
}
