package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.ipc.RingHolds;
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
 * @param delivered   whether the receiver gives back the transit the sender took ({@code RingHolds.arrived})
 */
record ConnectionRef(String in, long inBase, String out, long outBase, boolean inTracked, boolean outTracked, long sender, String description,
                     boolean delivered) implements Serializable {

    @Serial
    private Object readResolve() throws InterruptedException {
        Ring[] rings = in == null ? RingHolds.attach(out, "a pipe", outBase)
                : out == null ? RingHolds.attach(in, "a pipe", inBase)
                : RingHolds.attach(in, "a pipe", inBase, outBase); // a duplex pipe's rings share a segment
        Ring inRing = in == null ? null : rings[0];
        Ring outRing = out == null ? null : rings[rings.length - 1];
        RingConnection connection = new RingConnection(inRing, outRing, description, true);
        if (inRing != null) {
            RingHolds.handOver(inRing, RingDescriptor.READERS, sender, inTracked);
        }
        if (outRing != null) {
            RingHolds.handOver(outRing, RingDescriptor.WRITERS, sender, outTracked);
        }
        if (delivered) {
            RingHolds.arrived(rings);
        }
        return connection;
    }
}
