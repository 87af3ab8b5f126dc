package io.github.multiprocessing4j.testing.programs;

import io.github.multiprocessing4j.Array;
import io.github.multiprocessing4j.Event;
import io.github.multiprocessing4j.Lock;
import io.github.multiprocessing4j.Multiprocessing;
import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.Value;
import io.github.multiprocessing4j.internal.runtime.RunDirectory;

/**
 * A root JVM that makes shared memory (and a child that makes some too), says where, then waits
 * to be killed: for the test that a SIGKILLed root's segments are swept.
 */
public final class SharedMemoryProgram {

    private SharedMemoryProgram() {
    }

    public static void main(String[] args) throws Exception {
        Value value = Multiprocessing.value('i', 1);
        Array array = Multiprocessing.array('d', 1000);
        Lock lock = Multiprocessing.lock();
        Event made = Multiprocessing.event();
        lock.acquire();
        Process child = new Process(() -> {
            Value mine = Multiprocessing.rawValue('q', 2);
            value.set(mine.get().intValue());
            made.set();
            Thread.sleep(60_000);
        });
        child.start();
        made.await();
        System.out.println("run=" + RunDirectory.get().runId());
        System.out.println("child=" + child.pid());
        System.out.println("value=" + value.get() + " array=" + array.length());
        System.out.flush();
        Thread.sleep(60_000);
    }
}
