package io.github.multiprocessing4j.internal.shm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Who a process is, for ownership recorded in shared memory: its pid and a 32-bit start stamp
 * that tells a process from a later one that got the same pid.
 *
 * <p>On Linux the stamp is the start time in clock ticks since boot ({@code /proc/<pid>/stat}
 * field 22), truncated to 32 bits; a zombie (killed, not yet reaped) counts as dead. Elsewhere
 * it is the start instant in milliseconds from {@link ProcessHandle.Info#startInstant()},
 * truncated. A stamp of 0 means "unknown": only the pid is then compared.
 */
public final class Liveness {

    private static final boolean PROC = Files.isDirectory(Path.of("/proc/self"));
    private static final int MY_PID = (int) ProcessHandle.current().pid();
    private static final int MY_STAMP = stampOf(MY_PID);

    private Liveness() {
    }

    /** @return this JVM's pid */
    public static int myPid() {
        return MY_PID;
    }

    /** @return this JVM's start stamp */
    public static int myStamp() {
        return MY_STAMP;
    }

    /** The last process found alive, and when: spares a busy {@code tryAcquire} loop a /proc read per try. */
    private record Seen(int pid, int stamp, long at) {
    }

    private static final long ALIVE_CACHE_NANOS = 10_000_000L;
    private static volatile Seen lastAlive = new Seen(0, 0, 0);

    /**
     * @param pid   a process id recorded as an owner
     * @param stamp its start stamp as recorded, or 0 when unknown
     * @return true when that process has certainly ended (or its pid now names another process).
     *         A process found alive is believed alive for the next 10 ms without looking again.
     */
    public static boolean isDead(int pid, int stamp) {
        if (pid == MY_PID) {
            return false;
        }
        Seen seen = lastAlive;
        long now = System.nanoTime();
        if (seen.pid() == pid && seen.stamp() == stamp && now - seen.at() < ALIVE_CACHE_NANOS) {
            return false;
        }
        boolean dead = lookDead(pid, stamp);
        if (!dead) {
            lastAlive = new Seen(pid, stamp, now);
        }
        return dead;
    }

    private static boolean lookDead(int pid, int stamp) {
        if (PROC) {
            String stat = readStat(pid);
            if (stat == null) {
                return true;
            }
            int close = stat.lastIndexOf(')');
            String[] fields = stat.substring(close + 2).split(" ");
            if (fields[0].equals("Z") || fields[0].equals("X")) {
                return true;
            }
            return stamp != 0 && (int) Long.parseLong(fields[19]) != stamp;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return true;
        }
        return stamp != 0 && handle.get().info().startInstant().map(i -> (int) i.toEpochMilli()).orElse(stamp) != stamp;
    }

    private static int stampOf(int pid) {
        if (PROC) {
            String stat = readStat(pid);
            if (stat == null) {
                return 0;
            }
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (int) Long.parseLong(fields[19]);
        }
        return ProcessHandle.of(pid).flatMap(h -> h.info().startInstant()).map(i -> (int) i.toEpochMilli()).orElse(0);
    }

    private static String readStat(int pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return null;
        }
    }
}
