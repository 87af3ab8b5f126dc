package io.github.multiprocessing4j.testing.programs;

import io.github.multiprocessing4j.Context;
import io.github.multiprocessing4j.Multiprocessing;
import io.github.multiprocessing4j.Process;

/** Starts three warm processes one after another and prints how many JVMs ran them. */
public final class WarmPidsProgram {

    public static void main(String[] args) {
        Context warm = Multiprocessing.getContext("warm");
        java.util.Set<Long> pids = new java.util.HashSet<>();
        for (int i = 0; i < 3; i++) {
            Process p = warm.process(() -> { });
            p.start();
            p.join();
            pids.add(p.pid());
        }
        System.out.println("jvms=" + pids.size());
    }
}
