package dev.parley.discovery;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/** Which adapter the system would send through, asked without sending anything. */
final class Routes {
    /** A documentation address (RFC 5737): routed like any address beyond the local networks, never used. */
    private static final byte[] ELSEWHERE = {(byte) 192, 0, 2, 1};

    private Routes() {
    }

    /**
     * The adapter traffic to {@code target} leaves through (to any other network when {@code target}
     * is {@code null}), or {@code null} when the system has no route. Connecting a UDP socket only
     * asks the routing table; no packet leaves.
     */
    static LocalNetwork.Adapter adapterTowards(InetAddress target, List<LocalNetwork.Adapter> adapters) {
        try (var socket = new DatagramSocket()) {
            InetAddress to = target != null ? target : InetAddress.getByAddress(ELSEWHERE);
            socket.connect(new InetSocketAddress(to, 9));
            InetAddress local = socket.getLocalAddress();
            return local == null || local.isAnyLocalAddress() ? null : LocalNetwork.owner(local, adapters);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
