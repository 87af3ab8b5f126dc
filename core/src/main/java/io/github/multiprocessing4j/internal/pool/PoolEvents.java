package io.github.multiprocessing4j.internal.pool;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * The JFR events of a pool, recorded in the parent JVM: JDK Mission Control and {@code jfr print
 * --categories multiprocessing4j}; event names start with {@code multiprocessing4j.} show a pool's life with no other tool. Each event is made only
 * while a recording enables it ({@code isEnabled()}), so a pool pays nothing otherwise.
 */
final class PoolEvents {

    private PoolEvents() {
    }

    /** A chunk of tasks ran on a worker: from when it was given to the worker to its results. */
    @Name("multiprocessing4j.PoolTasks")
    @Label("Pool Tasks")
    @Category({"multiprocessing4j", "Pool"})
    @Description("A chunk of a pool's tasks, from dispatch to a worker until its results came back")
    @StackTrace(false)
    static final class Tasks extends Event {
        @Label("Worker") String worker;
        @Label("Worker PID") long pid;
        @Label("Tasks") int tasks;
        @Label("First Task") @Description("The index in its map call of the chunk's first task (0 for apply tasks)")
        long firstTask;
        @Label("Work Time") @Description("How long the worker ran the tasks") @Timespan(Timespan.NANOSECONDS)
        long workTime;
        @Label("Failed") @Description("Whether the chunk failed as a whole (worker died, timed out, cancelled)")
        boolean failed;
    }

    /** A worker started: from launch until its initializer ran. */
    @Name("multiprocessing4j.PoolWorkerStarted")
    @Label("Pool Worker Started")
    @Category({"multiprocessing4j", "Pool"})
    @Description("A pool worker JVM, from its launch until it was ready for tasks")
    @StackTrace(false)
    static final class WorkerStarted extends Event {
        @Label("Worker") String worker;
        @Label("Worker PID") long pid;
    }

    /** A worker exited, asked to or not. */
    @Name("multiprocessing4j.PoolWorkerExited")
    @Label("Pool Worker Exited")
    @Category({"multiprocessing4j", "Pool"})
    @Description("A pool worker JVM exited: asked to (close, maxTasksPerChild, terminate) or died")
    @StackTrace(false)
    static final class WorkerExited extends Event {
        @Label("Worker") String worker;
        @Label("Worker PID") long pid;
        @Label("Exit Code") @Description("n for an exit with status n, -N when killed by signal N") int exitCode;
        @Label("Died") @Description("Whether it exited unasked") boolean died;
        @Label("Tasks Done") long tasks;
    }

    /** A map call, from the call to its last result. */
    @Name("multiprocessing4j.PoolMap")
    @Label("Pool Map Call")
    @Category({"multiprocessing4j", "Pool"})
    @Description("A map, mapAsync or starmap call of a pool, from the call until every result was in")
    static final class MapCall extends Event {
        @Label("Items") int items;
        @Label("Chunk Size") int chunksize;
        @Label("Failed") boolean failed;
    }
}
