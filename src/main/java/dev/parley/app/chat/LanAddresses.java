package dev.parley.app.chat;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * This machine's addresses on its local networks, as others would type them to join. Only reads
 * the interface list; never sends anything.
 */
public final class LanAddresses {
    private LanAddresses() {
    }

    /** {@code 192.168.1.20:7770}, IPv4 first, then global IPv6; empty when offline. */
    public static List<String> withPort(int port) {
        List<String> v4 = new ArrayList<>();
        List<String> v6 = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp() || nif.isLoopback() || nif.isVirtual() || nif.isPointToPoint()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLinkLocalAddress()) {
                        v4.add(a.getHostAddress() + ":" + port);
                    } else if (a instanceof Inet6Address && !a.isLinkLocalAddress() && !a.isLoopbackAddress()) {
                        v6.add("[" + compress(a.getAddress()) + "]:" + port);
                    }
                }
            }
        } catch (SocketException e) {
            return List.of();
        }
        v4.addAll(v6);
        return List.copyOf(v4);
    }

    /** The short IPv6 form people type: the longest run of zero groups becomes {@code ::}. */
    static String compress(byte[] address) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!out.isEmpty() && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
