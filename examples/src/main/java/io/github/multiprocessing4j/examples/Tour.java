package io.github.multiprocessing4j.examples;

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
 * <p>Run it with {@code ./mp4j tour}. With arguments, only the sections whose numbers are given
 * run: {@code ./mp4j tour 1}; an argument that names no section is refused (exit code 2) with
 * the list of sections.
 */
public final class Tour {

    /** One section of the seed. */
    interface Section {
        /** @return the section's number in the tour */
        int number();

        /** @return the seed's heading, with an English gloss */
        String heading();

        /** Runs every block of the section, in order. */
        void run() throws Exception;
    }

    static final List<Section> SECTIONS = List.of(new ProcessesSection(), new SharingSection(), new PoolSection(),
            new QueuesSection(), new TerminationSection());

    private Tour() {
    }

    public static void main(String[] args) throws Exception {
        List<String> known = SECTIONS.stream().map(s -> Integer.toString(s.number())).toList();
        for (String arg : args) {
            if (!known.contains(arg)) {
                System.err.println("tour: no section '" + arg + "'; the sections are:");
                SECTIONS.forEach(s -> System.err.println("  " + s.number() + "  " + s.heading()));
                System.exit(2);
            }
        }
        for (Section section : SECTIONS) {
            if (args.length == 0 || List.of(args).contains(Integer.toString(section.number()))) {
                System.out.println();
                System.out.println("== " + section.number() + ". " + section.heading() + " ==");
                section.run();
            }
        }
    }

    /** Prints the marker that opens a block. */
    static void block(int section, int block, String what) {
        System.out.println("-- block " + section + "." + block + ": " + what);
    }
}
