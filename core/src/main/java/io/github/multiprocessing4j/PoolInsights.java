package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.pool.Insights;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Where a pool's time went: for each worker, the time it took to start, the time it waited for
 * work, ran tasks and sent results, and the tasks it ran; the same summed over every worker the
 * pool has had; and the slowest tasks, with their inputs. Read at any moment from
 * {@link Pool#insights()} or {@link ProcessPoolExecutor#insights()}: the workers keep their
 * figures in shared memory, so reading them sends no message and disturbs no task.
 *
 * <pre>{@code
 * try (Pool pool = new Pool(4)) {
 *     pool.map(Images::resize, files);
 *     PoolInsights insights = pool.insights();
 *     System.out.println(insights);                       // a table, a line per worker
 *     Duration idle = insights.total().waiting();         // workers starved of work?
 *     insights.slowest().forEach(System.out::println);    // "1.8 s  task 17 of the map call (item "big.png") on …"
 * }
 * }</pre>
 * A worker's starting + waiting + working + sending is its time alive, to within the moments
 * between those states (reading a message, a few microseconds a task). Tasks of a few
 * microseconds or less are timed per chunk rather than one by one, so only slower tasks appear
 * in {@link #slowest()}.
 *
 * @param workers the live workers
 * @param total   the sums over every worker the pool has had, live or exited (name {@code "total"}, pid 0)
 * @param slowest the slowest tasks so far, slowest first (at most ten)
 */
public record PoolInsights(List<Worker> workers, Worker total, List<SlowTask> slowest) {

    /**
     * The insights, checked.
     *
     * @param workers the live workers
     * @param total   the sums over every worker
     * @param slowest the slowest tasks
     */
    public PoolInsights {
        workers = List.copyOf(workers);
        slowest = List.copyOf(slowest);
    }

    /**
     * One worker's time.
     *
     * @param name     its process name, as {@code SpawnPoolWorker-3}
     * @param pid      its pid
     * @param starting from its launch until it was ready for tasks (its initializer included)
     * @param waiting  waiting for work
     * @param working  running tasks
     * @param sending  encoding and sending results
     * @param tasks    tasks it ran
     */
    public record Worker(String name, long pid, Duration starting, Duration waiting, Duration working,
                         Duration sending, long tasks) {

        /** {@return the share of its time alive that it spent running tasks, from 0 to 1} */
        public double utilization() {
            long alive = starting.toNanos() + waiting.toNanos() + working.toNanos() + sending.toNanos();
            return alive == 0 ? 0 : (double) working.toNanos() / alive;
        }
    }

    /**
     * A slow task.
     *
     * @param duration how long it ran
     * @param task     which task and its input, as {@code task 17 of the map call (item "abc")} or
     *                 {@code apply task #4 (…)}; inputs are cut at 200 characters
     * @param worker   the worker that ran it
     */
    public record SlowTask(Duration duration, String task, String worker) {
        @Override
        public String toString() {
            return seconds(duration) + "  " + task + " on " + worker;
        }
    }

    static PoolInsights of(Insights insights) {
        return new PoolInsights(insights.workers().stream().map(PoolInsights::worker).toList(), worker(insights.total()),
                insights.slowest().stream().map(s -> new SlowTask(Duration.ofNanos(s.nanos()), s.task(), s.worker())).toList());
    }

    private static Worker worker(Insights.WorkerTime t) {
        return new Worker(t.name(), t.pid(), Duration.ofNanos(t.starting()), Duration.ofNanos(t.waiting()),
                Duration.ofNanos(t.working()), Duration.ofNanos(t.sending()), t.tasks());
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3f s", d.toNanos() / 1e9);
    }

    /** {@return a table: a line per worker and one for the total, then the slowest tasks} */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-24s %8s %10s %10s %10s %10s %9s %6s%n",
                "worker", "pid", "starting", "waiting", "working", "sending", "tasks", "busy"));
        for (Worker w : workers) {
            out.append(line(w));
        }
        out.append(line(total));
        if (!slowest.isEmpty()) {
            out.append("slowest tasks:").append(System.lineSeparator());
            slowest.forEach(s -> out.append("  ").append(s).append(System.lineSeparator()));
        }
        return out.toString();
    }

    private static String line(Worker w) {
        return String.format(Locale.ROOT, "%-24s %8d %10s %10s %10s %10s %9d %5.1f%%%n", w.name(), w.pid(),
                seconds(w.starting()), seconds(w.waiting()), seconds(w.working()), seconds(w.sending()), w.tasks(),
                100 * w.utilization());
    }
}
