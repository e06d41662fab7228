package dev.parley.discovery;

import java.net.Inet6Address;
import java.net.InetAddress;

/** Addresses the way people type them: {@code 192.168.1.20}, {@code fe80::1%eth0} (the shortest IPv6 form). */
public final class AddressText {
    private AddressText() {
    }

    /** The address without brackets; an IPv6 link-local address keeps its {@code %adapter} scope. */
    public static String of(InetAddress address) {
        if (!(address instanceof Inet6Address v6)) {
            return address.getHostAddress();
        }
        String scope = v6.getScopedInterface() != null ? "%" + v6.getScopedInterface().getName()
                : v6.getScopeId() != 0 ? "%" + adapterName(v6.getScopeId()) : "";
        return compress(v6.getAddress()) + scope;
    }

    /** Received datagrams carry the scope as a number; people know the adapter by its name. */
    private static String adapterName(int index) {
        try {
            var nif = java.net.NetworkInterface.getByIndex(index);
            return nif == null ? String.valueOf(index) : nif.getName();
        } catch (java.net.SocketException e) {
            return String.valueOf(index);
        }
    }

    /** {@code host:port}, with brackets around IPv6. */
    public static String withPort(InetAddress address, int port) {
        return (address instanceof Inet6Address ? "[" + of(address) + "]" : of(address)) + ":" + port;
    }

    /** RFC 5952: lowercase, the longest run (two or more) of zero groups becomes {@code ::}. */
    static String compress(byte[] a) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = (a[2 * i] & 0xff) << 8 | a[2 * i + 1] & 0xff;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        var out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!out.isEmpty() && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(g[i]));
        }
        return out.toString();
    }
}
