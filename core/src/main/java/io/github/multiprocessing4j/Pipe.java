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
 * <p>Messages travel through shared memory, so an end captured by a lambda that runs in a child
 * {@link Process} works there at memory speed. An end's peer sees the end of stream once every
 * process holding the other end has closed it, exited or died. A pipe's memory goes back once no
 * process holds either end and no end is on its way to a process (one captured by a child
 * {@link Process} is kept until that child ended, one sent through a queue or a pipe until its
 * receiver has it), as a {@link Queue}'s.
 *
 * @param left  the first end (the receiving end of a one-way pipe)
 * @param right the second end (the sending end of a one-way pipe)
 */
public record Pipe(Connection left, Connection right) {

    /**
     * The two ends of a pipe.
     *
     * @param left  the first end
     * @param right the second end
     */
    public Pipe {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
    }
}
