package io.github.multiprocessing4j.internal.worker;

import io.github.multiprocessing4j.SerializableRunnable;
import io.github.multiprocessing4j.internal.protocol.ChildSpec;
import io.github.multiprocessing4j.internal.serial.CompactSerializer;
import io.github.multiprocessing4j.internal.serial.JdkSerializer;
import io.github.multiprocessing4j.internal.shm.Waiter;

import java.lang.foreign.Arena;

/**
 * What an idle warm JVM does while it waits: takes once the path a process's hand-over takes —
 * decoding a {@link ChildSpec} and a serializable lambda, in the compact form and through JDK
 * serialization, and one futex call — so that the first real hand-over finds those classes
 * loaded, linked and initialized; then it runs the hot paths of locks, values and pipes until the
 * JIT compiles them ({@link SharedPathsWarmUp}). Nothing here is visible to the application.
 * (Queues are not warmed up: measured, compiling their paths in every idle JVM cost the
 * application more CPU than a reused warm JVM, compiled by the processes it ran, saves.)
 */
final class WarmUp {

    private WarmUp() {
    }

    static void run() {
        try {
            int captured = 1;
            SerializableRunnable target = () -> Integer.toString(captured);
            // what RUN_PROCESS carries is a Process (its image record, the target inside): measured,
            // decoding one took a fresh warm JVM 30 ms of method-handle spinning when only a bare
            // lambda had been decoded ahead
            CompactSerializer.INSTANCE.deserialize(CompactSerializer.INSTANCE.serialize(new io.github.multiprocessing4j.Process(target), "warm-up"));
            ChildSpec spec = new ChildSpec(CompactSerializer.INSTANCE.serialize(target, "warm-up"), "warm-up",
                    new int[] {1}, false, "warm-up", 1, "warm-up", "/");
            ChildSpec back = ChildSpec.decode(spec.encode());
            ((SerializableRunnable) CompactSerializer.INSTANCE.deserialize(back.process())).run();
            // the futex system call (its downcall is linked on first use), on memory nobody waits on
            try (Arena arena = Arena.ofConfined()) {
                Waiter.get().wake(arena.allocate(8, 8), 0, 1);
            }
            // and the fallback, for targets that capture what the compact form does not cover
            ((SerializableRunnable) JdkSerializer.INSTANCE.deserialize(JdkSerializer.INSTANCE.serialize(target, "warm-up"))).run();
            // the hot paths of locks, values and pipes, compiled
            SharedPathsWarmUp.run();
        } catch (Exception e) {
            // a warm-up that fails costs the first hand-over some time, nothing else
        }
    }
}
