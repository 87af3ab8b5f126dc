package io.github.multiprocessing4j.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Another JVM started by a test with the test class path, to play a parent the test can kill or
 * watch exit. Its stdout lines are collected; stderr is passed through.
 */
public final class JavaProgram implements AutoCloseable {

    private final java.lang.Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> all = new ArrayList<>();

    private JavaProgram(java.lang.Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the program ended
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code mainClass} with this JVM's class path and the given arguments. */
    public static JavaProgram start(Class<?> mainClass, String... args) throws IOException {
        return start(List.of("-cp", System.getProperty("java.class.path")), mainClass.getName(), args);
    }

    /** Starts a JVM with these options (class path included), main class and arguments. */
    public static JavaProgram start(List<String> options, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(options);
        if (mainClass != null) {
            command.add(mainClass);
        }
        command.addAll(List.of(args));
        return new JavaProgram(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    /** @return the next stdout line, waiting up to 60 s */
    public String nextLine() throws InterruptedException {
        String line = lines.poll(60, TimeUnit.SECONDS);
        if (line == null) {
            throw new AssertionError("no output from the program within 60 s; so far: " + all);
        }
        all.add(line);
        return line;
    }

    /** @return the next line that starts with {@code prefix}, without the prefix */
    public String valueOf(String prefix) throws InterruptedException {
        while (true) {
            String line = nextLine();
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length()).trim();
            }
        }
    }

    /** @return the remaining output once the program has ended (waiting up to 60 s) */
    public List<String> rest() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the program did not end within 60 s");
        }
        Thread.sleep(100);
        List<String> rest = new ArrayList<>();
        lines.drainTo(rest);
        all.addAll(rest);
        return rest;
    }

    public java.lang.Process process() {
        return process;
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
