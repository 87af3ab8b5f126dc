package io.github.multiprocessing4j.hazelcast.objects;

import io.github.multiprocessing4j.internal.shm.Typecode;

import com.hazelcast.map.EntryProcessor;

import java.io.Serial;
import java.util.Map;

/**
 * The entry processors that read and change the raw elements ({@code long[]}) of a cluster
 * {@code Value} or {@code Array} in the map {@value ClusterObject#NUMBERS}, atomically on the
 * entry's partition. They carry only JDK and module types: the agents have this module on their
 * class path, user classes never reach a member.
 */
final class NumberOps {

    private NumberOps() {
    }

    /** Reads one element. */
    record Load(int index) implements EntryProcessor<String, long[], Long> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Long process(Map.Entry<String, long[]> entry) {
            return entry.getValue()[index];
        }
    }

    /** Writes consecutive elements from {@code from}. */
    record Store(int from, long[] raws) implements EntryProcessor<String, long[], Void> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Void process(Map.Entry<String, long[]> entry) {
            long[] all = entry.getValue();
            System.arraycopy(raws, 0, all, from, raws.length);
            entry.setValue(all);
            return null;
        }
    }

    /** Adds to an integer element: the new raw value, or the message of an ArithmeticException. */
    record Add(int index, long delta, Typecode type) implements EntryProcessor<String, long[], Object> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Object process(Map.Entry<String, long[]> entry) {
            long[] all = entry.getValue();
            Object next = type.add(all[index], delta);
            if (next instanceof Long raw) {
                all[index] = raw;
                entry.setValue(all);
            }
            return next;
        }
    }

    /** Adds to a floating-point element: the new raw value. */
    record AddDouble(int index, double delta, Typecode type) implements EntryProcessor<String, long[], Long> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Long process(Map.Entry<String, long[]> entry) {
            long[] all = entry.getValue();
            double next = type.toDouble(all[index]) + delta;
            all[index] = type.toRaw(next);
            entry.setValue(all);
            return all[index];
        }
    }

    /** Sets an element to {@code update} if it holds {@code expected} (raw values, compared bit for bit). */
    record CompareAndSet(int index, long expected, long update) implements EntryProcessor<String, long[], Boolean> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Boolean process(Map.Entry<String, long[]> entry) {
            long[] all = entry.getValue();
            if (all[index] != expected) {
                return false;
            }
            all[index] = update;
            entry.setValue(all);
            return true;
        }
    }
}
