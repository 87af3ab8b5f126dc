package io.github.multiprocessing4j.testing.programs;

import io.github.multiprocessing4j.Multiprocessing;
import io.github.multiprocessing4j.internal.runtime.WarmPool;

/** Run with a short {@code mp4j.warm.idleSeconds}: reports the idle warm JVMs before and after it passes. */
public final class WarmIdleProgram {

    public static void main(String[] args) throws Exception {
        Multiprocessing.getContext("warm");
        long deadline = System.currentTimeMillis() + 60_000;
        while (WarmPool.get().idleCount() < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        System.out.println("idle=" + WarmPool.get().idleCount());
        deadline = System.currentTimeMillis() + 60_000;
        while (WarmPool.get().idleCount() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        System.out.println("idle=" + WarmPool.get().idleCount());
    }
}
