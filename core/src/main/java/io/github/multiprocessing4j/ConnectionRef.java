package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.ipc.PipeHolds;
import io.github.multiprocessing4j.internal.ipc.Ring;
import io.github.multiprocessing4j.internal.ipc.RingDescriptor;
import java.io.Serial;
import java.io.Serializable;

/**
 * A pipe end in transit: its rings, and the hold the sending process took for it.
 *
 * @param in          the segment of the ring it receives on, or null
 * @param inBase      where that ring starts in the segment
 * @param out         the segment of the ring it sends on, or null
 * @param outBase     where that ring starts in the segment
 * @param inTracked   whether the sender's extra hold on {@code in} is in a slot
 * @param outTracked  the same for {@code out}
 * @param sender      the sending process, as a holder
 * @param description the end's description
 */
record ConnectionRef(String in, long inBase, String out, long outBase, boolean inTracked, boolean outTracked, long sender, String description)
        implements Serializable {

    @Serial
    private Object readResolve() throws InterruptedException {
        Ring inRing = in == null ? null : Ring.attach(in, inBase, "a pipe");
        Ring outRing = out == null ? null : Ring.attach(out, outBase, "a pipe");
        RingConnection connection = new RingConnection(inRing, outRing, description);
        if (inRing != null) {
            PipeHolds.handOver(inRing, RingDescriptor.READERS, sender, inTracked);
        }
        if (outRing != null) {
            PipeHolds.handOver(outRing, RingDescriptor.WRITERS, sender, outTracked);
        }
        return connection;
    }
}
