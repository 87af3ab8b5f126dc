package io.github.multiprocessing4j.testing.programs;

import io.github.multiprocessing4j.Event;
import io.github.multiprocessing4j.Lock;
import io.github.multiprocessing4j.Multiprocessing;
import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.internal.shm.Waiter;

import java.time.Duration;

/**
 * Run without {@code --enable-native-access}: the library must wait by parking, print no
 * native-access warning, and still work with a child (which has native access, so uses futex).
 */
public final class NoNativeAccessProgram {

    private NoNativeAccessProgram() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("strategy=" + Waiter.get().strategy());
        Lock lock = Multiprocessing.lock();
        Event toChild = Multiprocessing.event();
        Event toParent = Multiprocessing.event();
        lock.acquire();
        Thread t = Thread.ofPlatform().start(() -> {
            lock.acquire();
            lock.release();
        });
        Thread.sleep(50);
        lock.release();
        t.join();
        Process child = new Process(() -> {
            toChild.await();       // the parent cannot futex-wake this sleeper: it polls, as the run has a poller
            toParent.set();        // the child can wake the parent, which polls anyway
        });
        child.start();
        Thread.sleep(300);
        toChild.set();
        System.out.println("answered=" + toParent.await(Duration.ofSeconds(30)));
        System.out.println("pollers marked=" + java.nio.file.Files.exists(
                io.github.multiprocessing4j.internal.runtime.RunDirectory.get().dir().resolve("pollers")));
        child.join();
        System.out.println("exit=" + child.exitCode());
    }
}
