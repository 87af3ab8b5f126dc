package io.github.multiprocessing4j.hazelcast.objects;

import com.hazelcast.map.EntryProcessor;

import java.io.Serial;
import java.util.Arrays;
import java.util.Map;

/**
 * The entry processors behind the semaphores, events, conditions, barriers and joinable queues' counts:
 * each changes the {@code long[]} state of one object in {@value ClusterObject#SYNC} atomically
 * on the entry's partition, and answers what the caller needs to decide (the caller throws, so
 * the messages are the local objects'). JDK and module types only: no user class reaches a member.
 */
final class SyncOps {

    private SyncOps() {
    }

    /** Semaphore {@code [value, bound (-1: none)]}: takes a permit if there is one. */
    record TryAcquire() implements EntryProcessor<String, long[], Boolean> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Boolean process(Map.Entry<String, long[]> entry) {
            long[] s = entry.getValue();
            if (s[0] <= 0) {
                return false;
            }
            s[0]--;
            entry.setValue(s);
            return true;
        }
    }

    /** Semaphore: gives a permit back; 0 when done, 1 when bounded and at its bound, 2 at the int maximum. */
    record Release() implements EntryProcessor<String, long[], Integer> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Integer process(Map.Entry<String, long[]> entry) {
            long[] s = entry.getValue();
            if (s[1] >= 0 && s[0] >= s[1]) {
                return 1;
            }
            if (s[0] == Integer.MAX_VALUE) {
                return 2;
            }
            s[0]++;
            entry.setValue(s);
            return 0;
        }
    }

    /**
     * Adds {@code delta} to the counter {@code s[0]} unless that would make it negative:
     * the new value, or -1 when refused.
     */
    record Count(long delta) implements EntryProcessor<String, long[], Long> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Long process(Map.Entry<String, long[]> entry) {
            long[] s = entry.getValue();
            if (s[0] + delta < 0) {
                return -1L;
            }
            s[0] += delta;
            entry.setValue(s);
            return s[0];
        }
    }

    /** Event {@code [flag, sets]}: raises the flag and counts the set, or lowers the flag. */
    record SetEvent(boolean set) implements EntryProcessor<String, long[], Void> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Void process(Map.Entry<String, long[]> entry) {
            long[] s = entry.getValue();
            s[0] = set ? 1 : 0;
            if (set) {
                s[1]++;
            }
            entry.setValue(s);
            return null;
        }
    }

    /** Condition {@code [next ticket, waiting tickets…]}: enqueues a waiter, answers its ticket. */
    record Enqueue() implements EntryProcessor<String, long[], Long> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Long process(Map.Entry<String, long[]> entry) {
            long[] s = entry.getValue();
            long ticket = s[0];
            long[] next = Arrays.copyOf(s, s.length + 1);
            next[0] = ticket + 1;
            next[s.length] = ticket;
            entry.setValue(next);
            return ticket;
        }
    }

    /** Condition: wakes the {@code n} longest-waiting waiters; answers how many were woken. */
    record Signal(int n) implements EntryProcessor<String, long[], Integer> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Integer process(Map.Entry<String, long[]> entry) {
            long[] s = entry.getValue();
            int woken = Math.min(n, s.length - 1);
            if (woken > 0) {
                long[] next = new long[s.length - woken];
                next[0] = s[0];
                System.arraycopy(s, 1 + woken, next, 1, next.length - 1);
                entry.setValue(next);
            }
            return woken;
        }
    }

    /** Condition: takes a waiter that gives up out of the queue; false when it was signalled already. */
    record Cancel(long ticket) implements EntryProcessor<String, long[], Boolean> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Boolean process(Map.Entry<String, long[]> entry) {
            long[] s = entry.getValue();
            for (int i = 1; i < s.length; i++) {
                if (s[i] == ticket) {
                    long[] next = new long[s.length - 1];
                    System.arraycopy(s, 0, next, 0, i);
                    System.arraycopy(s, i + 1, next, i, s.length - i - 1);
                    entry.setValue(next);
                    return true;
                }
            }
            return false;
        }
    }

    /** The barrier's state: {@code [parties, count, generation, broken, broken generation, action running]}. */
    static final int PARTIES = 0;
    static final int COUNT = 1;
    static final int GENERATION = 2;
    static final int BROKEN = 3;
    static final int BROKEN_GENERATION = 4;

    /**
     * Barrier: a party arrives. Answers {@code [outcome, index, generation]}: outcome 0 to wait,
     * 1 when this is the last party (it runs the action, then {@link Pass}es), 2 when broken,
     * 3 when the previous round is still being released (try again).
     */
    record Arrive() implements EntryProcessor<String, long[], long[]> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public long[] process(Map.Entry<String, long[]> entry) {
            long[] s = entry.getValue();
            if (s[BROKEN] != 0) {
                return new long[] {2, 0, s[GENERATION]};
            }
            if (s[COUNT] >= s[PARTIES]) {
                return new long[] {3, 0, s[GENERATION]};
            }
            long index = s[COUNT]++;
            entry.setValue(s);
            return new long[] {index == s[PARTIES] - 1 ? 1 : 0, index, s[GENERATION]};
        }
    }

    /** Barrier: the last party releases generation {@code generation}. */
    record Pass(long generation) implements EntryProcessor<String, long[], Boolean> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Boolean process(Map.Entry<String, long[]> entry) {
            long[] s = entry.getValue();
            if (s[GENERATION] != generation || s[BROKEN] != 0) {
                return false;
            }
            s[GENERATION]++;
            s[COUNT] = 0;
            entry.setValue(s);
            return true;
        }
    }

    /**
     * Barrier: breaks generation {@code generation} (or the current one, when negative): a
     * timeout, an interrupt, an action that failed, {@link io.github.multiprocessing4j.Barrier#abort}.
     */
    record Break(long generation) implements EntryProcessor<String, long[], Void> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Void process(Map.Entry<String, long[]> entry) {
            long[] s = entry.getValue();
            if (generation < 0 || s[GENERATION] == generation) {
                s[BROKEN] = 1;
                s[BROKEN_GENERATION] = s[GENERATION];
                entry.setValue(s);
            }
            return null;
        }
    }

    /** Barrier: back to its initial state; parties waiting in the current generation see it broken. */
    record Reset() implements EntryProcessor<String, long[], Void> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Void process(Map.Entry<String, long[]> entry) {
            long[] s = entry.getValue();
            if (s[COUNT] > 0 || s[BROKEN] != 0) {
                s[BROKEN_GENERATION] = s[GENERATION];
            }
            s[GENERATION]++;
            s[COUNT] = 0;
            s[BROKEN] = 0;
            entry.setValue(s);
            return null;
        }
    }
}
