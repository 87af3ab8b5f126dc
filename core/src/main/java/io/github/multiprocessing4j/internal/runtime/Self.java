package io.github.multiprocessing4j.internal.runtime;

import io.github.multiprocessing4j.internal.protocol.ChildSpec;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who this JVM is, as a multiprocessing4j process: its name, its identity (the path of child
 * numbers from the root, as Python's {@code _identity}), its parent, and the Process object
 * that stands for it.
 *
 * <p>In a root JVM the name is {@code MainProcess} and the identity is empty. A child learns
 * its own from the {@link ChildSpec} its parent sends.
 */
public final class Self {

    private static volatile String name = "MainProcess";
    private static volatile int[] identity = new int[0];
    private static volatile boolean daemon;
    private static volatile String parentName;
    private static volatile long parentPid;
    private static volatile Object currentProcess;
    private static final AtomicInteger CHILD_COUNTER = new AtomicInteger();

    private Self() {
    }

    /** Called in a child before its target runs. */
    public static void becomeChild(ChildSpec spec) {
        name = spec.name();
        identity = spec.identity().clone();
        daemon = spec.daemon();
        parentName = spec.parentName();
        parentPid = spec.parentPid();
    }

    /** Called in a warm JVM when its process has ended, before it runs another one. */
    public static synchronized void endProcess() {
        currentProcess = null;
        CHILD_COUNTER.set(0);
    }

    public static String name() {
        return name;
    }

    public static boolean isDaemon() {
        return daemon;
    }

    public static boolean isChild() {
        return parentPid != 0;
    }

    public static String parentName() {
        return parentName;
    }

    public static long parentPid() {
        return parentPid;
    }

    /** @return the identity of a new child of this process: ours plus the next counter value */
    public static int[] nextChildIdentity() {
        int[] mine = identity;
        int[] child = Arrays.copyOf(mine, mine.length + 1);
        child[mine.length] = CHILD_COUNTER.incrementAndGet();
        return child;
    }

    /** @return the Process object standing for this JVM, or null before one was made */
    public static Object currentProcess() {
        return currentProcess;
    }

    /** Sets the Process object standing for this JVM unless one is set; returns the one in place. */
    public static synchronized Object currentProcess(Object candidate) {
        if (currentProcess == null) {
            currentProcess = candidate;
        }
        return currentProcess;
    }
}
