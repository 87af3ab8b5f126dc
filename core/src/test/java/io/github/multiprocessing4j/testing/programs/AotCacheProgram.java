package io.github.multiprocessing4j.testing.programs;

import io.github.multiprocessing4j.Multiprocessing;
import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.internal.runtime.AotCache;

import java.time.Duration;
import java.util.List;

/**
 * For AotCacheTest, run from a jar of the library: {@code prepare <class-load log>} makes sure the
 * AOT cache exists first (training it), {@code run <class-load log>} does not; both then start one
 * process whose JVM logs its class loading to the given file, and report how it went.
 */
public final class AotCacheProgram {

    public static void main(String[] args) throws Exception {
        if (args[0].equals("prepare")) {
            System.out.println("prepared " + AotCache.prepare(Duration.ofMinutes(2)));
        }
        Process p = Multiprocessing.getContext("spawn").process(() -> System.out.println("child ran"));
        p.setJvmOptions(List.of("-Xlog:class+load=info:file=" + args[1]));
        p.start();
        p.join();
        System.out.println("exit " + p.exitCode());
    }
}
