package io.github.multiprocessing4j.internal.runtime;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The JVMs of the {@code "warm"} start method: started ahead of need, connected and idle, so
 * that starting a process only hands over its target.
 *
 * <h2>Policy</h2>
 * <ul>
 *   <li>{@link #take} hands out the idle JVM that became idle last among those that have connected
 *       (else any idle one, else a fresh launch) and, a second later unless a JVM came back by
 *       then, launches a replacement in the background, keeping {@code spares} JVMs idle
 *       ({@code mp4j.warm.spares}, default 2). The one idle last is the one whose JIT has seen
 *       the most work.</li>
 *   <li>A JVM whose process ended cleanly comes back ({@link #giveBack}, see
 *       {@code internal.worker.WarmProcesses} for what "cleanly" means) as the newest idle JVM;
 *       beyond the spares plus one per CPU, the JVM idle longest is retired. So a program that
 *       starts processes one after another runs them all in one JVM.</li>
 *   <li>An idle JVM waits as a daemon child: it never keeps this JVM alive, and it is terminated
 *       when this JVM exits. It takes the daemon flag of the process it is given.</li>
 *   <li>A JVM idle longer than {@code mp4j.warm.idleSeconds} (default 60) is retired, and no
 *       replacement is launched until the next {@code take}: an application that stopped
 *       starting processes keeps no JVMs around.</li>
 *   <li>Idle JVMs are started with the library's default options; a process with JVM options of
 *       its own is launched fresh with them.</li>
 * </ul>
 * An idle child runs the deserialization path a target takes before it connects, so that once
 * it has connected ({@link #readyCount()}) the hand-over costs little more than the target's own
 * classes.
 */
public final class WarmPool {

    private static final System.Logger LOG = System.getLogger("io.github.multiprocessing4j");
    private static final WarmPool INSTANCE = new WarmPool(
            Integer.getInteger("mp4j.warm.spares", 2), Integer.getInteger("mp4j.warm.idleSeconds", 60), true);
    private static final WarmPool FORKSERVER = new WarmPool(
            Integer.getInteger("mp4j.forkserver.spares", 1), Integer.getInteger("mp4j.warm.idleSeconds", 60), false);

    private final int spares;
    /** Whether a JVM whose process ended cleanly runs another ({@code "warm"}) or exits ({@code "forkserver"}). */
    private final boolean reuse;
    /** The most JVMs kept idle: the spares plus JVMs whose processes ended. */
    private final int maxIdle;
    private final long idleNanos;
    /** Idle JVMs with the time they became idle, oldest first; guarded by {@code this}. */
    private final Deque<Idle> idle = new ArrayDeque<>();
    /** Whether a refill thread / the retire thread runs; guarded by {@code this}. */
    private boolean refilling;
    /** Set while {@link #shutdown} runs: a refill waiting out its delay gives up; guarded by {@code this}. */
    private boolean stopping;
    private boolean retiring;

    /**
     * How long after a {@link #take} the replacement is launched, unless a JVM came back by then:
     * a process that ends within it gives its JVM back, and launching a JVM (a second of CPU on
     * a small machine) would only compete with the processes running.
     */
    private static final long REFILL_DELAY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private record Idle(ChildJvm jvm, long since) {
    }

    private WarmPool(int spares, int idleSeconds, boolean reuse) {
        this.reuse = reuse;
        this.spares = Math.max(0, spares);
        this.maxIdle = this.spares + Runtime.getRuntime().availableProcessors();
        this.idleNanos = TimeUnit.SECONDS.toNanos(Math.max(1, idleSeconds));
    }

    /** @return the JVMs of the {@code "warm"} start method */
    public static WarmPool get() {
        return INSTANCE;
    }

    /**
     * The JVMs of the {@code "forkserver"} start method: started ahead of need as the warm ones,
     * but each runs exactly one process and exits (a clean JVM per process, Python's forkserver
     * guarantee); the pool is refilled at once after each take ({@code mp4j.forkserver.spares},
     * default 1).
     *
     * @return the forkserver JVMs
     */
    public static WarmPool forkserver() {
        return FORKSERVER;
    }

    /**
     * @param name       a short name for the supervising threads of a fresh launch
     * @param daemon     the daemon flag of the process the JVM will run
     * @param jvmOptions the process's own JVM options; non-empty ones mean a fresh launch
     * @return a JVM ready to be sent its work
     */
    public ChildJvm take(String name, boolean daemon, List<String> jvmOptions) {
        if (!jvmOptions.isEmpty()) {
            return JvmLauncher.launch(name, daemon, jvmOptions);
        }
        ChildJvm jvm = pollIdle();
        if (jvm == null) {
            jvm = JvmLauncher.launch(name, daemon, options(FRESH_OPTION));
        } else {
            jvm.daemon(daemon);
        }
        jvm.onIdle(this::giveBack);
        requestRefill(reuse ? REFILL_DELAY_NANOS : 0); // a forkserver JVM never comes back
        return jvm;
    }

    /** Starts the refill thread unless it runs or enough JVMs are idle. */
    public void requestRefill() {
        requestRefill(0);
    }

    private synchronized void requestRefill(long delayNanos) {
        idle.removeIf(i -> !i.jvm.isAlive());
        if (!refilling && idle.size() < spares) {
            refilling = true;
            Threads.daemon("mp4j-warm-refill", () -> refill(delayNanos));
        }
    }

    /**
     * A JVM whose process ended cleanly and that stays for another one: idle again, the newest.
     * Beyond the most idle JVMs, the one idle longest goes; when this JVM is exiting, this one goes.
     */
    void giveBack(ChildJvm jvm) {
        ChildJvm retired = jvm;
        synchronized (this) {
            if (!Lifecycle.get().isExiting()) {
                idle.addLast(new Idle(jvm, System.nanoTime()));
                startRetiring();
                retired = idle.size() > maxIdle ? idle.pollFirst().jvm : null;
            }
        }
        if (retired != null) {
            retired.terminate();
        }
    }

    private synchronized ChildJvm pollIdle() {
        Idle chosen = null;
        for (Iterator<Idle> it = idle.descendingIterator(); it.hasNext(); ) { // the most recently used first
            Idle candidate = it.next();
            if (candidate.jvm.isAlive() && candidate.jvm.isAttached()) {
                chosen = candidate;
                break;
            }
        }
        if (chosen == null) {
            chosen = idle.stream().filter(i -> i.jvm.isAlive()).reduce((a, b) -> b).orElse(null);
        }
        idle.removeIf(i -> !i.jvm.isAlive());
        if (chosen != null) {
            idle.remove(chosen);
            return chosen.jvm;
        }
        return null;
    }

    /** Launches idle JVMs up to the number of spares. */
    private void refill(long delayNanos) {
        try {
            synchronized (this) {
                long end = System.nanoTime() + delayNanos;
                for (long left = delayNanos; left > 0 && !stopping; left = end - System.nanoTime()) {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
                if (stopping) {
                    return;
                }
            }
            while (true) {
                synchronized (this) {
                    idle.removeIf(i -> !i.jvm.isAlive());
                    if (idle.size() >= spares) {
                        return;
                    }
                }
                ChildJvm jvm = JvmLauncher.launch("warm", true, options(WARM_OPTION));
                synchronized (this) {
                    idle.addLast(new Idle(jvm, System.nanoTime()));
                    startRetiring();
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not start a warm JVM", e);
        } catch (InterruptedException e) {
            // nobody interrupts this thread: give up this refill
        } finally {
            synchronized (this) {
                refilling = false;
                notifyAll();
            }
        }
    }

    /**
     * The options of a warm JVM: how it was launched, and whether it may run several processes.
     */
    private List<String> options(String launched) {
        List<String> options = new java.util.ArrayList<>(List.of(launched));
        if (launched.equals(WARM_OPTION)) {
            options.addAll(LOOP_OPTIONS);
        }
        if (!reuse || !Boolean.parseBoolean(System.getProperty(REUSE_PROPERTY, "true"))) {
            options.add("-D" + REUSE_PROPERTY + "=false");
        }
        return List.copyOf(options);
    }

    /** {@code -Dmp4j.warm.reuse=false} gives every warm process a JVM of its own. */
    public static final String REUSE_PROPERTY = "mp4j.warm.reuse";

    /** Tells WorkerMain it is a warm JVM, to warm its deserialization path while idle. */
    static final String WARM_OPTION = "-Dmp4j.warm=true";
    /** Tells WorkerMain it is a warm JVM launched when none was idle: no warm-up, straight to work. */
    static final String FRESH_OPTION = "-Dmp4j.warm=fresh";
    /**
     * What an idle JVM gets besides {@link #WARM_OPTION}: loops compiled sooner. A process's
     * first loop (a user's locked increments, a ping-pong on a pipe) starts in the interpreter,
     * which by default compiles a loop only after 60,000 iterations (C1) and 40,000 more (C2);
     * at 6,000 and 15,000 the first 100,000 locked increments of a fresh warm JVM took 5 ms of
     * CPU instead of 9–14 (the warm-up having compiled the library's side), for about 5% more
     * CPU at start-up, which an idle JVM spends ahead of need (a fresh launch, on the critical
     * path, does without).
     */
    static final List<String> LOOP_OPTIONS = List.of("-XX:Tier3BackEdgeThreshold=6000", "-XX:Tier4BackEdgeThreshold=15000");

    private void startRetiring() {
        if (!retiring) {
            retiring = true;
            Threads.daemon("mp4j-warm-retire", this::retireLoop);
        }
    }

    private void retireLoop() {
        while (true) {
            ChildJvm retired = null;
            synchronized (this) {
                Idle oldest = idle.peekFirst();
                if (oldest == null) {
                    retiring = false;
                    return;
                }
                long wait = oldest.since + idleNanos - System.nanoTime();
                if (wait <= 0) {
                    idle.pollFirst();
                    retired = oldest.jvm;
                } else {
                    try {
                        TimeUnit.NANOSECONDS.timedWait(this, wait);
                    } catch (InterruptedException e) {
                        retiring = false;
                        return;
                    }
                }
            }
            if (retired != null) {
                retired.terminate();
            }
        }
    }

    /** Terminates every idle JVM and waits for them to go (tests; an application's own clean-up). */
    public void shutdown() {
        List<ChildJvm> all;
        synchronized (this) {
            stopping = true;
            notifyAll(); // a refill waiting out its delay gives up
            while (refilling) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            all = idle.stream().map(Idle::jvm).toList();
            idle.clear();
            stopping = false;
            notifyAll();
        }
        for (ChildJvm jvm : all) {
            jvm.terminate();
        }
        for (ChildJvm jvm : all) {
            jvm.exitCode().join();
        }
    }

    /** @return the number of idle JVMs that have warmed up and connected: ready to be handed a process */
    public synchronized int readyCount() {
        idle.removeIf(i -> !i.jvm.isAlive());
        return (int) idle.stream().filter(i -> i.jvm.isAttached()).count();
    }

    /** @return the number of idle JVMs */
    public synchronized int idleCount() {
        idle.removeIf(i -> !i.jvm.isAlive());
        return idle.size();
    }
}
