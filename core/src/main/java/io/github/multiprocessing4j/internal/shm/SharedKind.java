package io.github.multiprocessing4j.internal.shm;

/**
 * The kinds of shared objects: one vocabulary for the tag a heap block carries ({@link
 * SharedHeap}), the handle an object travels as, and the queue reference a queue travels as.
 * The public API rebuilds an object from its kind (a switch over this enum), so that adding a
 * kind shows every place that must learn it.
 */
public enum SharedKind {
    LOCK("lock"),
    RLOCK("rlock"),
    SEMAPHORE("sem"),
    EVENT("event"),
    CONDITION("cond"),
    BARRIER("barrier"),
    VALUE("value"),
    ARRAY("array"),
    QUEUE("queue"),
    JOINABLE_QUEUE("jqueue"),
    SIMPLE_QUEUE("squeue");

    private final String tag;

    SharedKind(String tag) {
        this.tag = tag;
    }

    /** @return the tag written in a heap block's header: 1 to 8 characters of [a-z0-9] */
    public String tag() {
        return tag;
    }

    /** @return the kind's name in messages: "lock", "condition", "joinable queue"… */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
