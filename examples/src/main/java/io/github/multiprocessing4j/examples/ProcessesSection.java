package io.github.multiprocessing4j.examples;

import io.github.multiprocessing4j.Context;
import io.github.multiprocessing4j.Process;

/**
 * Seed section "프로세스 생성과 실행 방법": creating processes, {@code start} and {@code join}.
 *
 * <p>Python's {@code Process(target=square, args=(10,))} becomes {@code ctx.process(() -> square(10))}:
 * the lambda is the target and its captured values are the arguments. {@code ctx} is the context
 * the tour runs on (Python's {@code multiprocessing.get_context()}); on the default context,
 * {@code new Process(() -> square(10))} is the same.
 */
final class ProcessesSection implements Tour.Section {

    /** The seed's target function: prints the square of its argument. */
    static void square(int number) {
        System.out.println(number * number);
    }

    @Override
    public int number() {
        return 1;
    }

    @Override
    public String heading() {
        return "프로세스 생성과 실행 방법 (creating and running processes)";
    }

    @Override
    public void run(Context ctx) throws Exception {
        Tour.block(1, 1, "create a process that runs square(10); nothing runs yet");
        Process p = ctx.process(() -> square(10));
        System.out.println("created " + p.getName() + ", alive: " + p.isAlive());

        Tour.block(1, 2, "p.start(), then print in the main process: \"100\" and \"Main process\" in either order");
        p.start();
        System.out.println("Main process");
        p.join(); // the tour keeps each block's output inside the block

        Tour.block(1, 3, "p.start(); p.join(); then print: always \"100\" then \"Main process\"");
        p = ctx.process(() -> square(10)); // a process starts once; the seed's p, started afresh
        p.start();
        p.join();
        System.out.println("Main process");

        Tour.block(1, 4, "four processes square 1, 2, 3, 4 (any order), joined, then \"Main process\"");
        Process p1 = ctx.process(() -> square(1));
        Process p2 = ctx.process(() -> square(2));
        Process p3 = ctx.process(() -> square(3));
        Process p4 = ctx.process(() -> square(4));
        p1.start();
        p2.start();
        p3.start();
        p4.start();
        p1.join();
        p2.join();
        p3.join();
        p4.join();
        System.out.println("Main process");
    }
}
