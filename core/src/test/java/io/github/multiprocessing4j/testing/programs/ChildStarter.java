package io.github.multiprocessing4j.testing.programs;

import io.github.multiprocessing4j.Process;

/** Starts one child that prints a line, joins it and prints its exit code: a class-path check. */
public final class ChildStarter {

    public static void main(String[] args) {
        Process p = new Process(() -> System.out.println("child says hi"));
        p.start();
        p.join();
        System.out.println("exit=" + p.exitCode());
    }
}
