package io.github.multiprocessing4j;

import java.io.Serial;
import java.io.Serializable;
import java.net.InetSocketAddress;

/**
 * How a process reaches a manager: what every proxy carries.
 *
 * @param id      unique among managers (proxies of one manager are recognised by it)
 * @param name    the manager's process name, for messages
 * @param pid     its pid, 0 when reached over TCP
 * @param stamp   its start stamp ({@code Liveness}), to tell it from a later process of the same pid
 * @param accept  where a process of this machine hands the manager one end of a new pipe; null over TCP
 * @param tcp     its TCP address, or null
 * @param authkey the key of its TCP listener, or null
 */
record ManagerRef(String id, String name, int pid, int stamp, SimpleQueue<Connection> accept, InetSocketAddress tcp,
                  byte[] authkey) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** @return the same manager, reached over TCP at {@code address} */
    ManagerRef overTcp(InetSocketAddress address, byte[] key) {
        return new ManagerRef(id, name, pid, stamp, null, address, key);
    }

    @Override
    public String toString() {
        return name + (pid != 0 ? " (pid " + pid + ")" : "") + (tcp != null ? " at " + tcp : "");
    }
}
