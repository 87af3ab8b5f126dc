package io.github.multiprocessing4j;

import java.util.List;
import java.util.Optional;

/**
 * Python's {@code multiprocessing} module functions: {@code import multiprocessing} becomes
 * {@code import static io.github.multiprocessing4j.Multiprocessing.*}.
 *
 * <pre>{@code
 * System.out.println(currentProcess().getName());   // MainProcess
 * Process p = new Process(() -> System.out.println(currentProcess().getName()));
 * p.start();                                          // the child prints Process-1
 * p.join();
 * }</pre>
 */
public final class Multiprocessing {

    /**
     * This library's version (semver), as built. Beside it: the control channel's protocol
     * version, checked between parent and child, and the shared-memory layout version.
     */
    public static final String VERSION = readVersion();

    private Multiprocessing() {
    }

    private static String readVersion() {
        try (var in = Multiprocessing.class.getResourceAsStream("version.properties")) {
            var properties = new java.util.Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /** @return the number of processors this JVM may use (affinity- and container-aware) */
    public static int cpuCount() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * @return the {@link Process} standing for this JVM: {@code MainProcess} in the JVM the
     *         application started, the running {@code Process} object in a child
     */
    public static Process currentProcess() {
        return Process.current();
    }

    /**
     * @return the process that started this one; empty in the JVM the application started. Its
     *         name and pid are known, and {@code isAlive()} and {@code join} work on it.
     */
    public static Optional<Process> parentProcess() {
        return Process.parentProcess();
    }

    /** @return the children this process started that are still running, oldest first */
    public static List<Process> activeChildren() {
        return Process.activeChildren();
    }

    /**
     * @return a {@link Pool} of {@link #cpuCount()} worker JVMs (Python's {@code Pool()})
     */
    public static Pool pool() {
        return new Pool();
    }

    /**
     * @param processes the number of worker JVMs
     * @return a {@link Pool} (Python's {@code Pool(processes)})
     * @throws IllegalArgumentException when {@code processes < 1}
     */
    public static Pool pool(int processes) {
        return new Pool(processes);
    }

    /**
     * @param options the pool's settings
     * @return a {@link Pool}
     */
    public static Pool pool(PoolOptions options) {
        return new Pool(options);
    }

    /** @return the default context ({@code "spawn"}) */
    public static Context getContext() {
        return Context.DEFAULT;
    }

    /**
     * @param method a start method: {@code "spawn"}
     * @return its context
     * @throws IllegalArgumentException for an unknown method; the message lists the known ones
     */
    public static Context getContext(String method) {
        return Context.of(method);
    }
}
