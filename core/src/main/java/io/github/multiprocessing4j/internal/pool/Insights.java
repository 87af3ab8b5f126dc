package io.github.multiprocessing4j.internal.pool;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where a pool's time went, as the engine hands it to {@code Pool.insights()}: per worker, the time
 * from launch to ready (starting), waiting for work, running tasks (working) and encoding and
 * sending results (sending), and the tasks done; and the slowest tasks.
 *
 * @param workers the live workers
 * @param total   the sums over every worker the pool has had, live or exited
 * @param slowest the slowest tasks timed one by one, slowest first
 */
public record Insights(List<WorkerTime> workers, WorkerTime total, List<SlowTask> slowest) {

    /**
     * One worker's time, in nanoseconds.
     *
     * @param name     its process name
     * @param pid      its pid (0 for a total)
     * @param starting launch to ready
     * @param waiting  waiting for work
     * @param working  running tasks
     * @param sending  encoding and sending results
     * @param tasks    tasks done
     */
    public record WorkerTime(String name, long pid, long starting, long waiting, long working, long sending, long tasks) {

        WorkerTime plus(WorkerTime o) {
            return new WorkerTime(name, pid, starting + o.starting, waiting + o.waiting, working + o.working,
                    sending + o.sending, tasks + o.tasks);
        }
    }

    /**
     * A slow task.
     *
     * @param nanos  how long it ran
     * @param task   which task and its input, as {@code task 17 of the map call (item "abc")}
     * @param worker the worker that ran it
     */
    public record SlowTask(long nanos, String task, String worker) {
    }

    /** The slowest tasks seen, at most {@value #KEEP}; guarded by the pool's lock. */
    static final class Slowest {
        static final int KEEP = 10;

        private record Entry(long nanos, Chunk chunk, int index, String worker) {
        }

        private final List<Entry> entries = new ArrayList<>();

        void offer(long nanos, Chunk chunk, int index, String worker) {
            if (entries.size() == KEEP && nanos <= entries.getLast().nanos()) {
                return;
            }
            entries.add(new Entry(nanos, chunk, index, worker));
            entries.sort(Comparator.comparingLong(Entry::nanos).reversed());
            if (entries.size() > KEEP) {
                entries.removeLast();
            }
        }

        /** @return the entries, described (which decodes their inputs: outside the pool's lock) */
        static List<SlowTask> describe(List<?> snapshot) {
            List<SlowTask> out = new ArrayList<>(snapshot.size());
            for (Object o : snapshot) {
                Entry e = (Entry) o;
                out.add(new SlowTask(e.nanos(), e.chunk().describe(e.index()), e.worker()));
            }
            return out;
        }

        List<?> snapshot() {
            return List.copyOf(entries);
        }
    }
}
