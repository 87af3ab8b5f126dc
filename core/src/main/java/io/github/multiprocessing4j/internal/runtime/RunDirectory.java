package io.github.multiprocessing4j.internal.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The run: everything a root JVM and its descendants create lives under one run id.
 *
 * <p>The run id is {@code <root pid>-<random>}. The run directory {@code <tmp>/mp4j-<run id>}
 * (mode 0700) holds the control sockets and a {@code root} file with the root JVM's start
 * time; shared-memory files are {@code /dev/shm/mp4j-<run id>-…}. The root deletes all of it when
 * it exits. What a root killed with SIGKILL could not delete is swept by the next root that
 * starts on the machine: a run whose root process is gone (or whose pid now belongs to a
 * process started at another time) is removed, directory and shared-memory files alike.
 *
 * <p>A child attaches to its root's run (it learns the id and directory from its parent) and
 * never deletes it.
 */
public final class RunDirectory {

    private static final System.Logger LOG = System.getLogger("io.github.multiprocessing4j");
    static final String PREFIX = "mp4j-";
    /**
     * Marks the name of a private segment, {@code /dev/shm/mp4j-<pid>-private-<random>}: a file
     * mapped and unlinked at once by one JVM (shared memory's {@code Segment.createPrivate}),
     * swept here if that JVM died between the two steps.
     */
    public static final String PRIVATE_INFIX = "-private-";
    private static final Path SHM = Path.of("/dev/shm");

    private static volatile RunDirectory current;

    private final String runId;
    private final Path dir;
    private final boolean root;

    private RunDirectory(String runId, Path dir, boolean root) {
        this.runId = runId;
        this.dir = dir;
        this.root = root;
    }

    /** Only the owner may read or write a file of the run (the directory's 0700 is the real barrier). */
    private static final java.util.Set<java.nio.file.attribute.PosixFilePermission> PRIVATE =
            PosixFilePermissions.fromString("rw-------");

    /**
     * Writes a new file of the run, mode 0600 from the start.
     *
     * @param file    the file, which must not exist
     * @param content what it holds
     * @throws IOException when it cannot be written (or exists)
     */
    public static void writePrivate(Path file, String content) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PRIVATE));
        Files.writeString(file, content);
    }

    /**
     * Makes a file (a socket just bound, which the kernel creates with the process's umask) mode 0600.
     *
     * @param file the file
     * @throws IOException when its mode cannot be changed
     */
    public static void makePrivate(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PRIVATE);
    }

    /** @return this JVM's run, created (with a sweep of dead runs) on first use in a root JVM */
    public static RunDirectory get() {
        RunDirectory run = current;
        if (run == null) {
            synchronized (RunDirectory.class) {
                run = current;
                if (run == null) {
                    run = createRoot();
                    current = run;
                }
            }
        }
        return run;
    }

    /** @return the run if this JVM has one already */
    public static Optional<RunDirectory> existing() {
        return Optional.ofNullable(current);
    }

    /** Makes this (child) JVM part of its parent's run. */
    public static void attach(String runId, Path dir) {
        synchronized (RunDirectory.class) {
            current = new RunDirectory(runId, dir, false);
        }
    }

    public String runId() {
        return runId;
    }

    public Path dir() {
        return dir;
    }

    public boolean isRoot() {
        return root;
    }

    private static RunDirectory createRoot() {
        sweep();
        long pid = ProcessHandle.current().pid();
        SecureRandom random = new SecureRandom();
        Path base = baseDirectory();
        for (int attempt = 0; ; attempt++) {
            String runId = pid + "-" + Long.toString(random.nextLong() >>> 28, 36);
            Path dir = base.resolve(PREFIX + runId);
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                writePrivate(dir.resolve("root"), startStamp(ProcessHandle.current()) + "\n");
                RunDirectory run = new RunDirectory(runId, dir, true);
                Lifecycle.get().onExit(run::delete);
                return run;
            } catch (FileAlreadyExistsException e) {
                if (attempt > 10) {
                    throw new UncheckedIOException(e);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the run directory " + dir, e);
            }
        }
    }

    /**
     * Where run directories live: {@code java.io.tmpdir} when its path is short enough for a
     * Unix socket path (108 bytes in all), otherwise {@code /tmp}.
     */
    static Path baseDirectory() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir", "/tmp")).toAbsolutePath();
        return tmp.toString().length() <= 40 && Files.isDirectory(tmp) ? tmp : Path.of("/tmp");
    }

    /** Deletes the run: its directory and its shared-memory files. Only a root does this. */
    void delete() {
        if (!root) {
            return;
        }
        deleteTree(dir);
        deleteSegments(runId);
    }

    /** Removes every run on this machine whose root JVM is gone. */
    public static void sweep() {
        for (Path base : baseDirectories()) {
            try (DirectoryStream<Path> runs = Files.newDirectoryStream(base, PREFIX + "*")) {
                for (Path run : runs) {
                    String runId = run.getFileName().toString().substring(PREFIX.length());
                    if (Files.isDirectory(run) && isDead(runId, run)) {
                        LOG.log(Level.DEBUG, "sweeping the run {0} left by a root JVM that is gone", runId);
                        deleteTree(run);
                        deleteSegments(runId);
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                LOG.log(Level.DEBUG, "could not sweep " + base, e);
            }
        }
        sweepPrivateSegments();
    }

    /**
     * Removes the files of private segments ({@code Segment.createPrivate}: mapped, then unlinked
     * at once) whose JVM died between the two steps.
     */
    private static void sweepPrivateSegments() {
        if (!Files.isDirectory(SHM)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(SHM, PREFIX + "*" + PRIVATE_INFIX + "*")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String pid = name.substring(PREFIX.length(), name.indexOf(PRIVATE_INFIX));
                if (pid.chars().allMatch(Character::isDigit) && !pid.isEmpty()
                        && ProcessHandle.of(Long.parseLong(pid)).map(h -> !h.isAlive()).orElse(true)) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "could not sweep private segments", e);
        }
    }

    private static Path[] baseDirectories() {
        Path base = baseDirectory();
        return base.equals(Path.of("/tmp")) || !Files.isDirectory(Path.of("/tmp"))
                ? new Path[] {base} : new Path[] {base, Path.of("/tmp")};
    }

    private static boolean isDead(String runId, Path run) {
        int dash = runId.indexOf('-');
        if (dash <= 0) {
            return false;
        }
        long pid;
        try {
            pid = Long.parseLong(runId.substring(0, dash));
        } catch (NumberFormatException e) {
            return false;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return true;
        }
        try {
            String recorded = Files.readString(run.resolve("root")).trim();
            return !recorded.equals(String.valueOf(startStamp(handle.get())));
        } catch (NoSuchFileException e) {
            return false; // a root still creating its run
        } catch (IOException e) {
            return false;
        }
    }

    private static long startStamp(ProcessHandle process) {
        return process.info().startInstant().map(i -> i.toEpochMilli() / 1000).orElse(-1L);
    }

    private static void deleteSegments(String runId) {
        if (!Files.isDirectory(SHM)) {
            return;
        }
        try (DirectoryStream<Path> segments = Files.newDirectoryStream(SHM, PREFIX + runId + "-*")) {
            for (Path segment : segments) {
                Files.deleteIfExists(segment);
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "could not remove the shared memory of run " + runId, e);
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort; the next sweep retries
                }
            });
        } catch (NoSuchFileException ignored) {
            // already gone
        } catch (IOException | UncheckedIOException e) {
            LOG.log(Level.DEBUG, "could not delete " + dir, e);
        }
    }
}
