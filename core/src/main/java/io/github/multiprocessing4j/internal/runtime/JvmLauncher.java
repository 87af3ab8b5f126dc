package io.github.multiprocessing4j.internal.runtime;

import io.github.multiprocessing4j.internal.protocol.FrameChannel;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.io.PrintStream;

/**
 * Launches child JVMs: {@code java.home/bin/java}, this JVM's class path, lean flags, the
 * caller's JVM options, main class {@code WorkerMain}, and the control socket's path as the only
 * argument. The token that authenticates the child goes to its stdin, never on the command line.
 *
 * <p>The default flags, each for a reason:
 * <ul>
 *   <li>{@code -Xrs}: SIGTERM takes its default action, as for a Python child (no shutdown
 *       hooks); that is what {@code terminate()} means.</li>
 *   <li>{@code -XX:+UseSerialGC}, {@code -XX:-UsePerfData}: less to start, a smaller footprint,
 *       no {@code /tmp/hsperfdata} file.</li>
 *   <li>{@code --enable-native-access=ALL-UNNAMED}: the futex wait of shared-memory locks.</li>
 *   <li>{@code stdout.encoding}/{@code stderr.encoding} as this JVM's, since the child's output
 *       bytes are copied into this JVM's streams as they are.</li>
 *   <li>{@code -XX:AOTCache=…} and {@code -Xlog:aot*=off,cds*=off} once the class path has an AOT
 *       cache, which may also put this library's jar first on the child's class path: see
 *       {@link AotCache}.</li>
 * </ul>
 * And {@link #INITIAL_HEAP} unless the caller sizes the heap. Flags measured and left out:
 * {@code -XX:TieredStopAtLevel=1} (less start-up CPU, lower peak speed),
 * {@code -XX:CompileThresholdScaling=4} (15 ms less CPU per spawned child, no clear gain in wall
 * time, possibly slower warm-up of CPU-bound tasks), {@code -Xss}, {@code -XX:CICompilerCount=2},
 * {@code -XX:ReservedCodeCacheSize} (no effect on start-up), and {@code -Xmn16m} (a young
 * generation that small for good would hurt applications with bigger heaps; they can pass it).
 */
public final class JvmLauncher {

    /**
     * The child JVM's main class, {@code internal.worker.WorkerMain}, by name: the worker package
     * is a layer above this one (a class literal would make the two depend on each other); a test
     * checks that the name is the class's.
     */
    public static final String MAIN_CLASS = "io.github.multiprocessing4j.internal.worker.WorkerMain";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static volatile CachedClassPath lastClassPath;

    private JvmLauncher() {
    }

    /**
     * Launches a child JVM and starts supervising it.
     *
     * @param name       a short name for the supervising threads
     * @param daemon     whether the child is a daemon (terminated, not waited for, at exit)
     * @param jvmOptions extra options for the child JVM
     * @return the child, connecting in the background
     */
    public static ChildJvm launch(String name, boolean daemon, List<String> jvmOptions) {
        return launch(name, daemon, jvmOptions, Placement.LOCAL, false);
    }

    /**
     * Launches a child JVM for one process started now, whose start+join is on its caller's path:
     * its control channel is a FIFO pair where FIFOs can be made ({@link FifoPair}; a socket's
     * first connect costs a new JVM 39–67 ms here, a FIFO about 1 ms: spawn's start+join went
     * from 185–225 to 173–188 ms). JVMs that carry much traffic (pool workers: a map of tiny items
     * ran at 7.8–8.1 M items/s over FIFOs against 10.7–12.1 over the socket, whose buffers are
     * larger) or start ahead of need (warm, forkserver) keep the socket.
     */
    public static ChildJvm launchForProcess(String name, boolean daemon, List<String> jvmOptions) {
        return launch(name, daemon, jvmOptions, Placement.LOCAL, true);
    }

    /**
     * Where a child's class path comes from and where its output goes: this JVM's class path and
     * {@code System.out}/{@code System.err} for the children of the application, others for the
     * children a cluster agent runs for a remote parent (its shipped class path; output relayed).
     *
     * @param classPath the child's class path, or null for this JVM's
     * @param stdout    where the child's stdout goes (looked up at each write)
     * @param stderr    where the child's stderr goes (looked up at each write)
     */
    public record Placement(List<String> classPath, Supplier<PrintStream> stdout, Supplier<PrintStream> stderr) {
        /** This JVM's class path and standard streams. */
        public static final Placement LOCAL = new Placement(null, () -> System.out, () -> System.err);

        public Placement {
            classPath = classPath == null ? null : List.copyOf(classPath);
            Objects.requireNonNull(stdout, "stdout");
            Objects.requireNonNull(stderr, "stderr");
        }
    }

    /**
     * Launches a child JVM with its class path and output where {@code placement} says.
     *
     * @param name       a short name for the supervising threads
     * @param daemon     whether the child is a daemon (terminated, not waited for, at exit)
     * @param jvmOptions extra options for the child JVM
     * @param placement  its class path and output streams
     * @return the child, connecting in the background
     */
    public static ChildJvm launch(String name, boolean daemon, List<String> jvmOptions, Placement placement) {
        return launch(name, daemon, jvmOptions, placement, false);
    }

    private static ChildJvm launch(String name, boolean daemon, List<String> jvmOptions, Placement placement, boolean fifo) {
        Lifecycle.get().ensureHooked();
        Path fifos = fifo ? fifos() : null;
        ControlServer server = fifos == null ? ControlServer.get() : null;
        String address = fifos != null ? FrameChannel.FIFOS + fifos : server.path().toString();
        List<String> command = command(address, jvmOptions,
                placement.classPath() != null ? placement.classPath() : ClassPath.entries());
        ProcessBuilder builder = new ProcessBuilder(command);
        java.lang.Process os;
        try {
            os = builder.start();
        } catch (IOException e) {
            if (fifos != null) {
                FifoPair.delete(fifos);
            }
            throw new UncheckedIOException("could not start a child JVM: " + String.join(" ", command), e);
        }
        ChildJvm child = new ChildJvm(os, daemon, placement.stdout(), placement.stderr());
        String token = token();
        if (fifos != null) {
            FifoPair.accept(fifos, token, child, name + "-" + os.pid());
        } else {
            server.expect(token, child);
            child.exitCode().whenComplete((code, error) -> server.forget(token));
        }
        Children.get().add(child);
        child.startThreads(name + "-" + os.pid());
        try (OutputStream stdin = os.getOutputStream()) {
            stdin.write((token + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // the child died at once (its stderr says why); its exit ends the handshake
        }
        return child;
    }

    /**
     * @return a new FIFO pair for a child's control channel (see {@link FifoPair}), or null where
     *         FIFOs cannot be made: the child then connects to the {@link ControlServer}'s socket
     */
    private static Path fifos() {
        if (!FifoPair.available() || !Boolean.parseBoolean(System.getProperty(FIFO_PROPERTY, "true"))) {
            return null;
        }
        try {
            return FifoPair.create(RunDirectory.get().dir());
        } catch (IOException e) {
            System.getLogger("io.github.multiprocessing4j").log(System.Logger.Level.DEBUG, "no FIFOs: children connect by socket", e);
            return null;
        }
    }

    /** {@code -Dmp4j.control.fifo=false}: children connect to a Unix domain socket instead of FIFOs. */
    static final String FIFO_PROPERTY = "mp4j.control.fifo";

    static List<String> command(Path socket, List<String> jvmOptions) {
        return command(socket.toString(), jvmOptions, ClassPath.entries());
    }

    private static List<String> command(String address, List<String> jvmOptions, List<String> classPath) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> fixed = fixedOptions();
        command.addAll(fixed);
        AotCache.Plan plan = AotCache.plan(classPath, jvmOptions, fixed);
        command.addAll(plan.options());
        if (!setsHeapSize(jvmOptions)) {
            command.add(INITIAL_HEAP);
        }
        command.addAll(jvmOptions);
        command.addAll(classPathArgs(plan.classPath()));
        command.addAll(modulePathArgs());
        command.add(address);
        return command;
    }

    /**
     * The main class, and for a library loaded as a named module (an application run with
     * {@code java --module-path … -m app/…}) the module path: the child runs {@code WorkerMain}
     * from the library's module, with every module of the path resolved, so that the classes of
     * the processes and tasks it receives load as they do here. (A process's lambda or record
     * travels in the library's compact form only when its package is open to the library;
     * otherwise JDK serialization carries it, which needs nothing from the application.)
     */
    private static List<String> modulePathArgs() {
        Module library = JvmLauncher.class.getModule();
        String modulePath = System.getProperty("jdk.module.path");
        if (!library.isNamed() || modulePath == null || modulePath.isEmpty()) {
            return List.of(MAIN_CLASS);
        }
        return List.of("--module-path", modulePath, "--add-modules", "ALL-MODULE-PATH",
                "-m", library.getName() + "/" + MAIN_CLASS);
    }

    /**
     * The initial heap of a child unless it sizes its heap itself: the default (1/64 of the
     * machine's memory, 384 MB on 24 GB) let a pool worker's young generation grow to ~100 MB
     * before its first collection, all of it resident. With 32 MB the heap still grows as needed
     * up to the usual maximum. Measured on a pool worker after 1,000,000-item maps: 155-158 MB
     * resident by default, 103-105 MB with it, at the same throughput (21-24 M items/s by default,
     * 24-29 with it). {@code -Xmn16m} gave 90-94 MB but caps the young generation for good.
     */
    static final String INITIAL_HEAP = "-Xms32m";

    /** @return true when the options (or the JVM's option variables) set a heap size: the initial size is theirs to choose */
    static boolean setsHeapSize(List<String> jvmOptions) {
        List<String> all = new ArrayList<>(jvmOptions);
        for (String variable : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")) {
            String value = System.getenv(variable);
            if (value != null) {
                all.addAll(List.of(value.trim().split("\\s+")));
            }
        }
        return all.stream().anyMatch(o -> o.startsWith("-Xmx") || o.startsWith("-Xms") || o.startsWith("-XX:MaxHeapSize")
                || o.startsWith("-XX:InitialHeapSize") || o.startsWith("-XX:MaxRAM") || o.startsWith("-XX:InitialRAM")
                || o.startsWith("-XX:MinRAM") || o.startsWith("-XX:MinHeapSize"));
    }

    /** Who may call the futex: the library's module when it is one, else the class path. */
    private static final String NATIVE_ACCESS = JvmLauncher.class.getModule().isNamed()
            ? "ALL-UNNAMED," + JvmLauncher.class.getModule().getName() : "ALL-UNNAMED";

    /** @return the options every child JVM gets before the caller's (see the class comment) */
    public static List<String> fixedOptions() {
        return List.of("-Xrs", "-XX:+UseSerialGC", "-XX:-UsePerfData", "--enable-native-access=" + NATIVE_ACCESS,
                "-Dstdout.encoding=" + System.getProperty("stdout.encoding", "UTF-8"),
                "-Dstderr.encoding=" + System.getProperty("stderr.encoding", "UTF-8"));
    }

    /**
     * {@code -cp <path>}, or an argument file holding it when the path is too long for a command
     * line. Worked out at every launch (the context class loader may have changed since the last
     * one), reusing the last result when the path is the same.
     */
    private static List<String> classPathArgs(List<String> entries) {
        String classPath = AotCache.join(entries);
        CachedClassPath cached = lastClassPath;
        if (cached != null && cached.classPath.equals(classPath)) {
            return cached.args;
        }
        List<String> args;
        if (classPath.length() < 32_000) {
            args = List.of("-cp", classPath);
        } else {
            Path file = RunDirectory.get().dir().resolve("classpath-" + Integer.toHexString(classPath.hashCode()) + ".args");
            String quoted = "\"" + classPath.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            try {
                Path temp = Files.createTempFile(file.getParent(), "classpath", ".tmp"); // mode 0600
                Files.writeString(temp, "-cp\n" + quoted + "\n");
                Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            args = List.of("@" + file);
        }
        lastClassPath = new CachedClassPath(classPath, args);
        return args;
    }

    private record CachedClassPath(String classPath, List<String> args) {
    }

    private static String token() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
