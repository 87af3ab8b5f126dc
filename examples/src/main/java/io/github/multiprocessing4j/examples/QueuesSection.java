package io.github.multiprocessing4j.examples;

import io.github.multiprocessing4j.Context;
import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.Queue;

/**
 * Seed section "프로세스간 통신을 위한 큐 사용 방법": a {@code Queue} shared by processes,
 * first-in first-out.
 *
 * <p>Python's {@code multiprocessing.Queue(10)} becomes {@code ctx.queue(10)}, a queue of the
 * context the tour runs on ({@code Multiprocessing.queue(10)} on the default context). The seed's
 * {@code insert} and {@code remove} use a module-level queue; in Java the target lambdas capture
 * it, and the child JVMs attach to the same queue: in shared memory on one machine, in the
 * cluster on a {@code HazelcastContext}.
 */
final class QueuesSection implements Tour.Section {

    /** The seed's insert(): puts 1, 2 and 3 at the rear of the queue. */
    static void insert(Queue<Integer> queue) {
        queue.put(1);
        queue.put(2);
        queue.put(3);
    }

    /** The seed's remove(): takes three numbers from the front of the queue and prints them. */
    static void remove(Queue<Integer> queue) {
        System.out.println(queue.get());
        System.out.println(queue.get());
        System.out.println(queue.get());
    }

    @Override
    public int number() {
        return 4;
    }

    @Override
    public String heading() {
        return "프로세스간 통신을 위한 큐 사용 방법 (queues for communication between processes)";
    }

    @Override
    public void run(Context ctx) {
        Tour.block(4, 1, "create a queue with a maximum size of 10; it starts empty");
        Queue<Integer> queue = ctx.queue(10);
        System.out.println("empty: " + queue.empty() + ", full: " + queue.full() + ", qsize: " + queue.qsize());

        Tour.block(4, 2, "put 1, 2, 3, then get and print them: \"1\", \"2\", \"3\", first in, first out");
        queue.put(1);
        queue.put(2);
        queue.put(3);
        System.out.println(queue.get());
        System.out.println(queue.get());
        System.out.println(queue.get());

        Tour.block(4, 3, "one process inserts 1, 2, 3, another removes and prints them: \"1\", \"2\", \"3\"");
        Process p1 = ctx.process(() -> insert(queue));
        Process p2 = ctx.process(() -> remove(queue));
        p1.start();
        p2.start();
        p1.join();
        p2.join();
    }
}
