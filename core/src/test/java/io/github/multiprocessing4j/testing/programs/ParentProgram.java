package io.github.multiprocessing4j.testing.programs;

import io.github.multiprocessing4j.Multiprocessing;
import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.Queue;
import io.github.multiprocessing4j.internal.runtime.RunDirectory;
import io.github.multiprocessing4j.testing.Files2;

/**
 * A parent JVM for the tests that watch children outlive (or not) their parent.
 * <ul>
 *   <li>{@code orphan}: starts a child that sleeps forever, reports, then sleeps until killed.</li>
 *   <li>{@code return <marker>} / {@code exit <marker>}: starts a daemon child that sleeps forever
 *       and a non-daemon child that creates {@code marker} after a while, reports, then returns
 *       from main (or calls System.exit(0)).</li>
 *   <li>{@code blocked}: starts a non-daemon child blocked in {@code Queue.get} for good, reports,
 *       then returns from main (the JVM stays up for the child until it is signalled).</li>
 * </ul>
 * Reports are lines {@code run=<run dir>}, {@code child=<pid>}, {@code daemon=<pid>}, {@code ready}.
 */
public final class ParentProgram {

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        System.out.println("run=" + RunDirectory.get().dir());
        if (mode.equals("orphan")) {
            Process child = new Process(() -> {
                System.out.println("ready");
                Files2.sleepForever();
            });
            child.start();
            System.out.println("child=" + child.pid());
            Files2.sleepForever();
        }
        if (mode.equals("blocked")) {
            Queue<String> never = Multiprocessing.queue();
            Process blocked = new Process(() -> System.out.println("got " + never.get()));
            blocked.start();
            System.out.println("child=" + blocked.pid());
            return;
        }
        String marker = args[1];
        Process daemon = new Process(() -> {
            System.out.println("ready");
            Files2.sleepForever();
        });
        daemon.setDaemon(true);
        daemon.start();
        System.out.println("daemon=" + daemon.pid());
        Process worker = new Process(() -> {
            Thread.sleep(500);
            Files2.touch(marker);
        });
        worker.start();
        System.out.println("child=" + worker.pid());
        if (mode.equals("exit")) {
            System.exit(0);
        }
    }
}
