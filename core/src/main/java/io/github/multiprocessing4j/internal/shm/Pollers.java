package io.github.multiprocessing4j.internal.shm;

import io.github.multiprocessing4j.internal.runtime.RunDirectory;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether some process of the run waits by polling ({@link Waiter.Parking}): a JVM without native
 * access cannot make the futex call, so it cannot wake a futex sleeper in another process either.
 * It says so with a marker file {@code pollers} in the run directory when it first uses shared
 * memory; futex sleepers of the run then sleep in short, growing slices (as pollers do), so that
 * what such a process changes is noticed within about a millisecond instead of a
 * {@link Futex#SLICE_NANOS}. The marker is looked for at most once a second per JVM.
 */
final class Pollers {

    private static final String MARKER = "pollers";
    private static final long LOOK_EVERY_NANOS = 1_000_000_000L;

    private static volatile boolean announced;
    private static volatile boolean seen;
    private static volatile long nextLook = System.nanoTime();

    private Pollers() {
    }

    /** Marks the run as having a polling process, if this JVM polls and has a run. Idempotent. */
    static void announceIfPolling() {
        if (announced || !(Waiter.get() instanceof Waiter.Parking)) {
            return;
        }
        Optional<RunDirectory> run = RunDirectory.existing();
        if (run.isEmpty()) {
            return;
        }
        announced = true;
        seen = true;
        try {
            RunDirectory.writePrivate(marker(run.get()), Liveness.myPid() + "\n");
        } catch (FileAlreadyExistsException ignored) {
            // another poller said it first
        } catch (IOException e) {
            Waiter.LOG.log(Level.DEBUG, "could not mark the run as having a polling process", e);
        }
    }

    /** @return true when some process of the run polls (looked up at most once a second) */
    static boolean inRun() {
        if (seen) {
            return true;
        }
        long now = System.nanoTime();
        if (now - nextLook >= 0) {
            nextLook = now + LOOK_EVERY_NANOS;
            seen = RunDirectory.existing().map(run -> Files.exists(marker(run))).orElse(false);
        }
        return seen;
    }

    private static Path marker(RunDirectory run) {
        return run.dir().resolve(MARKER);
    }
}
