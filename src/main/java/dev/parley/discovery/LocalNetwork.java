package dev.parley.discovery;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * This machine's network adapters as discovery sees them. Reads the system's interface list each
 * call (adapters come and go: Wi-Fi joins, a VPN starts, a cable is pulled); sends nothing.
 */
public final class LocalNetwork {
    /** Adapter names VPN software uses on Linux, macOS and Windows. */
    private static final Pattern VPN = Pattern.compile(
            "(tun|tap|wg|utun|ppp|ipsec|gpd|cscotun|zt|tailscale|nordlynx|proton|mullvad|vpn).*");

    private LocalNetwork() {
    }

    /**
     * One up, non-loopback adapter.
     *
     * @param name      the system's name for it ({@code eth0}, {@code wlan0}, {@code en0})
     * @param multicast    whether it can send and receive multicast
     * @param pointToPoint whether it is a point-to-point link (dial-up, most VPNs)
     * @param addresses    its addresses with their prefix lengths
     */
    public record Adapter(NetworkInterface nif, String name, boolean multicast, boolean pointToPoint,
                          List<InterfaceAddress> addresses) {

        public boolean hasIpv4() {
            return addresses.stream().anyMatch(a -> a.getAddress() instanceof Inet4Address);
        }

        public boolean hasIpv6() {
            return addresses.stream().anyMatch(a -> a.getAddress() instanceof Inet6Address);
        }

        /** IPv4 subnet broadcast addresses configured on it. */
        public List<InetAddress> broadcasts() {
            return addresses.stream().map(InterfaceAddress::getBroadcast)
                    .filter(b -> b != null && !b.isAnyLocalAddress()).toList();
        }

        /** Its IPv4 addresses first, then the others, as text for a sentence. */
        public List<String> addressTexts() {
            List<String> v4 = new ArrayList<>();
            List<String> v6 = new ArrayList<>();
            for (InterfaceAddress a : addresses) {
                (a.getAddress() instanceof Inet4Address ? v4 : v6).add(AddressText.of(a.getAddress()).replaceAll("%.*", ""));
            }
            v4.addAll(v6);
            return v4;
        }

        public boolean looksLikeVpn() {
            return LocalNetwork.looksLikeVpn(name) || pointToPoint;
        }

        public boolean owns(InetAddress address) {
            return addresses.stream().anyMatch(a -> a.getAddress().equals(address))
                    || address instanceof Inet6Address v6 && v6.isLinkLocalAddress() && v6.getScopedInterface() != null
                    && v6.getScopedInterface().getName().equals(name)
                    && addresses.stream().anyMatch(a -> stripScope(a.getAddress()).equals(stripScope(address)));
        }
    }

    /** Every adapter that is up and not loopback, with or without multicast. */
    public static List<Adapter> upAdapters() {
        List<Adapter> out = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                try {
                    if (!nif.isUp() || nif.isLoopback()) {
                        continue;
                    }
                    out.add(new Adapter(nif, nif.getName(), nif.supportsMulticast(), nif.isPointToPoint(),
                            List.copyOf(nif.getInterfaceAddresses())));
                } catch (SocketException e) {
                    // The adapter went away while we looked at it: it is not up.
                }
            }
        } catch (SocketException | NullPointerException e) {
            return List.of();
        }
        return List.copyOf(out);
    }

    /** The adapters discovery announces and listens on: up, not loopback, multicast-capable, with an address. */
    public static List<Adapter> discoveryAdapters() {
        return upAdapters().stream().filter(a -> a.multicast() && !a.addresses().isEmpty()).toList();
    }

    public static boolean looksLikeVpn(String name) {
        return VPN.matcher(name.toLowerCase(Locale.ROOT)).matches();
    }

    /**
     * Whether {@code source} can be a neighbour on one of {@code adapters}: this machine, an IPv6
     * link-local address, or an address inside one of the adapters' subnets. Discovery datagrams never
     * cross a router (TTL 1, link-local scope), so anything else was forged or misrouted.
     */
    public static boolean onLink(InetAddress source, List<Adapter> adapters) {
        if (source.isLoopbackAddress()) {
            return true;
        }
        if (source.isAnyLocalAddress() || source.isMulticastAddress()) {
            return false;
        }
        if (source instanceof Inet6Address && source.isLinkLocalAddress()) {
            return true;
        }
        for (Adapter adapter : adapters) {
            for (InterfaceAddress a : adapter.addresses()) {
                if (sameSubnet(source, a.getAddress(), a.getNetworkPrefixLength())) {
                    return !source.equals(a.getBroadcast());
                }
            }
        }
        return false;
    }

    /** The adapter that owns {@code address}, or {@code null}. */
    public static Adapter owner(InetAddress address, List<Adapter> adapters) {
        for (Adapter a : adapters) {
            if (a.owns(address)) {
                return a;
            }
        }
        return null;
    }

    /** Whether {@code address} is one of this machine's own. */
    public static boolean isOwn(InetAddress address, List<Adapter> adapters) {
        return address.isLoopbackAddress() || owner(address, adapters) != null;
    }

    static boolean sameSubnet(InetAddress x, InetAddress y, int prefix) {
        byte[] a = x.getAddress();
        byte[] b = y.getAddress();
        if (a.length != b.length || prefix <= 0) {
            return false;
        }
        int full = Math.min(prefix, a.length * 8);
        for (int i = 0; i < full / 8; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        int rest = full % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (a[full / 8] & mask) == (b[full / 8] & mask);
    }

    private static InetAddress stripScope(InetAddress a) {
        try {
            return InetAddress.getByAddress(a.getAddress());
        } catch (java.net.UnknownHostException e) {
            return a;
        }
    }
}
