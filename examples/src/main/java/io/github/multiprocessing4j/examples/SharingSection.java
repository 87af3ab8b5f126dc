package io.github.multiprocessing4j.examples;

import io.github.multiprocessing4j.Array;
import io.github.multiprocessing4j.Context;
import io.github.multiprocessing4j.Lock;
import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.SerializableRunnable;
import io.github.multiprocessing4j.Value;

/**
 * Seed section "프로세스 통신과 동기화 방법": shared memory ({@code Value}, {@code Array}) and a
 * {@code Lock} that keeps four processes from corrupting it.
 *
 * <p>Python's {@code multiprocessing.Value('i', 0)} becomes {@code ctx.value('i', 0)}, a value of the
 * context the tour runs on ({@code Multiprocessing.value('i', 0)} on the default context);
 * {@code shared_value.value += 1} becomes {@code sharedValue.setInt(sharedValue.getInt() + 1)}
 * (a read and a write, hence the lock, as in the seed); {@code shared_array[i] += 1} becomes
 * {@code sharedArray.setInt(i, sharedArray.getInt(i) + 1)}. The lambda that increments captures
 * the value, the array and the lock; in each child JVM they are the same shared memory (on a
 * {@code HazelcastContext}, the same objects in the cluster).
 */
final class SharingSection implements Tour.Section {

    @Override
    public int number() {
        return 2;
    }

    @Override
    public String heading() {
        return "프로세스 통신과 동기화 방법 (communication and synchronization between processes)";
    }

    @Override
    public void run(Context ctx) throws Exception {
        Tour.block(2, 1, "create a shared integer value initialised with 0");
        Value sharedValue = ctx.value('i', 0);
        System.out.println("shared_value = " + sharedValue);

        Tour.block(2, 2, "create a shared array of four integers initialised with [1, 2, 3, 4]");
        Array sharedArray = ctx.array('i', 1, 2, 3, 4);
        System.out.println("shared_array = " + sharedArray);

        Tour.block(2, 3, "create a lock and the increment function that uses it");
        Lock lock = ctx.lock();
        SerializableRunnable increment = () -> {
            // Acquire the lock
            lock.acquire();
            // Increment the shared value by 1
            sharedValue.setInt(sharedValue.getInt() + 1);
            // Increment each element of the shared array by 1
            for (int i = 0; i < sharedArray.length(); i++) {
                sharedArray.setInt(i, sharedArray.getInt(i) + 1);
            }
            // Release the lock
            lock.release();
        };
        System.out.println("lock = " + lock);

        Tour.block(2, 4, "four processes run increment; then print the value and the array: 4 and [5, 6, 7, 8]");
        Process p1 = ctx.process(increment);
        Process p2 = ctx.process(increment);
        Process p3 = ctx.process(increment);
        Process p4 = ctx.process(increment);
        p1.start();
        p2.start();
        p3.start();
        p4.start();
        p1.join();
        p2.join();
        p3.join();
        p4.join();
        System.out.println(sharedValue.get());
        System.out.println(sharedArray.toList());
    }
}
