package io.github.multiprocessing4j.internal.shm;

/**
 * A JVM that takes a {@link RobustLock} in a segment another JVM created, says {@code held},
 * then sleeps until it is killed. Arguments: the segment's path and kind, the lock's offset.
 */
public final class LockHolderProgram {

    private LockHolderProgram() {
    }

    public static void main(String[] args) throws Exception {
        Segment segment = Segment.attach(args[0], args[1]);
        RobustLock lock = new RobustLock(segment.body(), Long.parseLong(args[2]), "the test's lock");
        if (!lock.acquire(Futex.deadline(30_000_000_000L))) {
            System.out.println("not held");
            return;
        }
        System.out.println("held");
        System.out.flush();
        Thread.sleep(60_000);
    }
}
