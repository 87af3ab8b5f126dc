package io.github.multiprocessing4j.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Part of the test suite itself: after every test class, no child JVM that this test JVM started
 * may still run, and no run directory or shared-memory file of a run whose root is gone may be
 * left. A leftover fails the class that left it (and is killed, so the next class starts clean).
 *
 * <p>Registered for every test class through {@code META-INF/services} and JUnit's extension
 * auto-detection ({@code junit-platform.properties}).
 */
public final class LeakCheck implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        List<String> problems = new ArrayList<>();
        List<ProcessHandle> left = waitForChildren(10_000);
        if (!left.isEmpty()) {
            for (ProcessHandle child : left) {
                problems.add("child JVM " + child.pid() + " still running: " + child.info().commandLine().orElse("?"));
                child.descendants().forEach(ProcessHandle::destroyForcibly);
                child.destroyForcibly();
            }
        }
        problems.addAll(deadRunLeftovers());
        if (!problems.isEmpty()) {
            throw new AssertionError(context.getDisplayName() + " left things behind:\n  " + String.join("\n  ", problems));
        }
    }

    /** Children of this JVM that run WorkerMain, after waiting up to {@code millis} for them to go. */
    private static List<ProcessHandle> waitForChildren(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (true) {
            List<ProcessHandle> workers = ProcessHandle.current().descendants()
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().orElse("").contains("WorkerMain"))
                    .toList();
            if (workers.isEmpty() || System.currentTimeMillis() > deadline) {
                return workers;
            }
            Thread.sleep(50);
        }
    }

    /** Run directories and shared-memory files of runs whose root JVM is gone. */
    static List<String> deadRunLeftovers() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path base : List.of(Path.of("/tmp"), Path.of("/dev/shm"))) {
            if (!Files.isDirectory(base)) {
                continue;
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(base, "mp4j-*")) {
                for (Path entry : entries) {
                    String rest = entry.getFileName().toString().substring("mp4j-".length());
                    int dash = rest.indexOf('-');
                    if (dash <= 0) {
                        continue;
                    }
                    try {
                        long pid = Long.parseLong(rest.substring(0, dash));
                        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                            continue;
                        }
                    } catch (NumberFormatException e) {
                        continue;
                    }
                    if (isRecent(entry)) {
                        found.add(entry + " (its root JVM is gone)");
                    }
                }
            }
        }
        return found;
    }

    /** Only what this suite could have made: entries younger than this test JVM. */
    private static boolean isRecent(Path entry) {
        try {
            long jvmStart = ProcessHandle.current().info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);
            return Files.getLastModifiedTime(entry).toMillis() >= jvmStart - 60_000;
        } catch (IOException e) {
            return false;
        }
    }
}
