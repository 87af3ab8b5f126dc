package io.github.multiprocessing4j.examples;

import io.github.multiprocessing4j.hazelcast.internal.LocalCluster;

import io.github.multiprocessing4j.Context;
import io.github.multiprocessing4j.Multiprocessing;

import java.util.ArrayList;
import java.util.List;

/**
 * The seed tour: every code block of the Korean tutorial "Python 멀티프로세싱: 프로세스, 풀, 큐"
 * ("Python multiprocessing: processes, pools, queues"), section by section, in Java. What each
 * section of the tutorial teaches, and what its blocks print, is retold in {@code TUTORIAL.md}
 * beside this module's sources.
 *
 * <p>Each section prints its seed heading, and each block a marker line
 * {@code -- block <section>.<n>: <what the seed's block does>} before the block's own output, so
 * a reader (and {@code TourTest}) can match every block with the output the seed promises.
 *
 * <p>Every section runs on a {@link Context}: its blocks write {@code ctx.process(...)},
 * {@code ctx.pool(...)}, {@code ctx.value(...)} where the seed writes {@code Process(...)},
 * {@code Pool(...)}, {@code Value(...)}. The tour runs on the default context
 * ({@link Multiprocessing#getContext()}: child JVMs of this machine), or with {@code --cluster} on
 * a {@code HazelcastContext} of two agents it starts on 127.0.0.1 ({@link LocalCluster}) and stops
 * at the end: the same blocks, the same output, with every process and pool worker a child JVM of
 * an agent and every queue, value, array and lock an object of the cluster.
 *
 * <p>Run it with {@code ./mp4j tour [--cluster]}. With section numbers, only those sections run:
 * {@code ./mp4j tour 1}; an argument that names no section is refused (exit code 2) with the list
 * of sections.
 */
public final class Tour {

    /** The argument that runs the tour on a cluster of agents on this machine. */
    static final String CLUSTER = "--cluster";
    /** The cluster's agents and the worker JVMs each offers: 4 workers, as many as {@code Pool(4)} asks for. */
    static final int AGENTS = 2;
    static final int WORKERS_PER_AGENT = 2;

    /** One section of the seed. */
    interface Section {
        /** @return the section's number in the tour */
        int number();

        /** @return the seed's heading, with an English gloss */
        String heading();

        /**
         * Runs every block of the section, in order.
         *
         * @param ctx the context whose processes, pools and shared objects the blocks use
         */
        void run(Context ctx) throws Exception;
    }

    static final List<Section> SECTIONS = List.of(new ProcessesSection(), new SharingSection(), new PoolSection(),
            new QueuesSection(), new TerminationSection());

    private Tour() {
    }

    /**
     * Runs the tour.
     *
     * @param args {@code --cluster} to run on a cluster of two local agents; section numbers to run only those
     */
    public static void main(String[] args) throws Exception {
        boolean cluster = false;
        List<String> chosen = new ArrayList<>();
        List<String> known = SECTIONS.stream().map(s -> Integer.toString(s.number())).toList();
        for (String arg : args) {
            if (arg.equals(CLUSTER)) {
                cluster = true;
            } else if (known.contains(arg)) {
                chosen.add(arg);
            } else {
                System.err.println("tour: no section '" + arg + "'; the sections are:");
                SECTIONS.forEach(s -> System.err.println("  " + s.number() + "  " + s.heading()));
                System.err.println("(and " + CLUSTER + " runs them on a cluster of " + AGENTS + " agents on this machine)");
                System.exit(2);
            }
        }
        if (!cluster) {
            run(Multiprocessing.getContext(), chosen);
            return;
        }
        try (LocalCluster agents = LocalCluster.start(AGENTS, WORKERS_PER_AGENT)) {
            System.out.println("The tour runs on a cluster of " + AGENTS + " agents on 127.0.0.1 (" + String.join(", ", agents.members())
                    + "), " + WORKERS_PER_AGENT + " worker JVMs each: every process and pool worker below is a child JVM of an"
                    + " agent, every queue, value, array and lock an object of the cluster.");
            run(agents.context(), chosen);
        }
    }

    /** Runs the chosen sections (every section when none is chosen) on {@code ctx}. */
    private static void run(Context ctx, List<String> chosen) throws Exception {
        for (Section section : SECTIONS) {
            if (chosen.isEmpty() || chosen.contains(Integer.toString(section.number()))) {
                System.out.println();
                System.out.println("== " + section.number() + ". " + section.heading() + " ==");
                section.run(ctx);
            }
        }
    }

    /** Prints the marker that opens a block. */
    static void block(int section, int block, String what) {
        System.out.println("-- block " + section + "." + block + ": " + what);
    }
}
