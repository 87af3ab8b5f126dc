package io.github.multiprocessing4j.examples;

import io.github.multiprocessing4j.Context;
import io.github.multiprocessing4j.Pool;
import io.github.multiprocessing4j.Process;

import java.util.List;

/**
 * Seed section "예외 처리와 프로세스 종료 방법": {@code terminate} on a process, {@code close} on a
 * pool, and exceptions caught inside the target function.
 *
 * <p>The seed's infinite loop prints "Looping" as fast as it can for 5 seconds; here it prints
 * every 100 ms for about a second, which shows the same thing in less time and fewer lines.
 * After {@code terminate()} the tour calls {@code join()}, as the seed advises, so every
 * "Looping" printed has arrived before "Process terminated". Processes and pools come from the
 * context the tour runs on: {@code ctx.process(...)} and {@code ctx.pool(4)} ({@code new Process(...)}
 * and {@code new Pool(4)} on the default context).
 */
final class TerminationSection implements Tour.Section {

    /** The seed's target function: an infinite loop. */
    static void infiniteLoop() throws InterruptedException {
        while (true) {
            System.out.println("Looping");
            Thread.sleep(100);
        }
    }

    /** The seed's target function. */
    static int square(int number) {
        return number * number;
    }

    /** The seed's target function: divides by zero, catches the exception, returns null (None). */
    @SuppressWarnings("divzero") // on purpose: the seed's block shows the exception being caught
    static Integer divide(int number) {
        try {
            return number / 0;
        } catch (ArithmeticException e) {
            System.out.println("Cannot divide by zero");
            return null;
        }
    }

    @Override
    public int number() {
        return 5;
    }

    @Override
    public String heading() {
        return "예외 처리와 프로세스 종료 방법 (exceptions and terminating processes)";
    }

    @Override
    public void run(Context ctx) throws Exception {
        Tour.block(5, 1, "a process loops forever printing \"Looping\"; after a while terminate() stops it");
        Process p = ctx.process(TerminationSection::infiniteLoop);
        p.start();
        Thread.sleep(1000);
        p.terminate();
        p.join();
        System.out.println("Process terminated");

        Tour.block(5, 2, "a pool of four maps square over [1, 2, 3, 4, 5], then close()");
        List<Integer> numbers = List.of(1, 2, 3, 4, 5);
        Pool pool = ctx.pool(4);
        List<Integer> results = pool.map(TerminationSection::square, numbers);
        System.out.println(results);
        pool.close();
        System.out.println("Pool closed");

        Tour.block(5, 3, "divide by zero inside the target, caught there: five messages, then five nulls");
        pool = ctx.pool(4);
        List<Integer> divided = pool.map(TerminationSection::divide, numbers);
        System.out.println(divided);
        pool.close();
        System.out.println("Pool closed");
    }
}
