package dev.parley.discovery;

import java.io.Closeable;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.MembershipKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One UDP socket on the discovery port: joined to the IPv4 and IPv6 groups on every discovery
 * adapter, sending to both groups and to each IPv4 subnet broadcast address. Bound with
 * {@code SO_REUSEADDR}, so a host and a browser (or {@code serve} and {@code discover}) share the
 * port on one machine; every bound socket gets every multicast and broadcast datagram.
 *
 * <p>Blocking: {@link #receive} is called by one reader thread; {@link #sendEverywhere} and
 * {@link #refresh} may be called from any thread.
 */
final class DiscoveryChannel implements Closeable {
    private static final System.Logger LOG = System.getLogger(DiscoveryChannel.class.getName());

    private final DatagramChannel channel;
    private final DiscoveryConfig config;
    private final boolean dualStack;
    private final Map<String, List<MembershipKey>> joined = new HashMap<>();
    private List<LocalNetwork.Adapter> adapters = List.of();

    private DiscoveryChannel(DatagramChannel channel, DiscoveryConfig config, boolean dualStack) {
        this.channel = channel;
        this.config = config;
        this.dualStack = dualStack;
    }

    /** Opens the socket on {@code config.port()} (0: a free port) and joins the groups on today's adapters. */
    static DiscoveryChannel open(DiscoveryConfig config) throws IOException {
        DatagramChannel ch;
        boolean dual = true;
        try {
            ch = DatagramChannel.open(StandardProtocolFamily.INET6);
        } catch (UnsupportedOperationException | IOException e) {
            ch = DatagramChannel.open(StandardProtocolFamily.INET);
            dual = false;
        }
        try {
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.setOption(StandardSocketOptions.SO_BROADCAST, true);
            // Discovery never crosses a router.
            ch.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 1);
            // The troubleshooter hears its own query come back this way; others ignore their own.
            ch.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
            ch.bind(new InetSocketAddress(config.port()));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        var dc = new DiscoveryChannel(ch, config, dual);
        dc.refresh();
        return dc;
    }

    int localPort() {
        try {
            return ((InetSocketAddress) channel.getLocalAddress()).getPort();
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Reads the adapter list again: joins the groups on adapters that came up, drops memberships of
     * adapters that went away. Returns whether the list of adapter names changed.
     */
    synchronized boolean refresh() {
        List<LocalNetwork.Adapter> now = LocalNetwork.discoveryAdapters();
        Set<String> names = now.stream().map(LocalNetwork.Adapter::name).collect(Collectors.toSet());
        boolean changed = !names.equals(joined.keySet());
        for (var it = joined.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!names.contains(e.getKey())) {
                e.getValue().forEach(MembershipKey::drop);
                it.remove();
                LOG.log(System.Logger.Level.DEBUG, "discovery: adapter {0} is gone", e.getKey());
            }
        }
        for (LocalNetwork.Adapter a : now) {
            if (!joined.containsKey(a.name())) {
                joined.put(a.name(), join(a));
            }
        }
        adapters = now;
        return changed;
    }

    private List<MembershipKey> join(LocalNetwork.Adapter a) {
        List<MembershipKey> keys = new ArrayList<>();
        if (a.hasIpv4()) {
            joinOne(a.nif(), config.ipv4Group(), keys);
        }
        if (a.hasIpv6() && dualStack) {
            joinOne(a.nif(), config.ipv6Group(), keys);
        }
        LOG.log(System.Logger.Level.DEBUG, "discovery: listening on {0} ({1} groups)", a.name(), keys.size());
        return keys;
    }

    private void joinOne(NetworkInterface nif, InetAddress group, List<MembershipKey> keys) {
        try {
            keys.add(channel.join(group, nif));
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "discovery: cannot join {0} on {1}: {2}", group.getHostAddress(),
                    nif.getName(), e.getMessage());
        }
    }

    synchronized List<LocalNetwork.Adapter> adapters() {
        return adapters;
    }

    /** Sends {@code data} to both groups and every subnet broadcast on every adapter; returns how many sends worked. */
    synchronized int sendEverywhere(byte[] data) {
        if (config.port() == 0) {
            return 0;
        }
        int sent = 0;
        for (LocalNetwork.Adapter a : adapters) {
            sent += sendOn(a, data);
        }
        return sent;
    }

    /** Sends {@code data} to both groups and the subnet broadcasts of one adapter; returns how many sends worked. */
    synchronized int sendOn(LocalNetwork.Adapter a, byte[] data) {
        int sent = 0;
        if (a.hasIpv4()) {
            try {
                channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, a.nif());
                sent += send(data, new InetSocketAddress(config.ipv4Group(), config.port()), a);
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "discovery: cannot use {0} for IPv4 multicast: {1}", a.name(),
                        e.getMessage());
            }
            for (InetAddress b : a.broadcasts()) {
                sent += send(data, new InetSocketAddress(b, config.port()), a);
            }
        }
        if (a.hasIpv6() && dualStack) {
            try {
                var scoped = Inet6Address.getByAddress(null, config.ipv6Group().getAddress(), a.nif());
                sent += send(data, new InetSocketAddress(scoped, config.port()), a);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "discovery: no IPv6 group on {0}: {1}", a.name(), e.getMessage());
            }
        }
        return sent;
    }

    /** Sends to one address (a unicast reply, or a test's datagram). */
    synchronized boolean sendTo(byte[] data, InetSocketAddress target) {
        return send(data, target, null) > 0;
    }

    private int send(byte[] data, InetSocketAddress target, LocalNetwork.Adapter via) {
        try {
            channel.send(ByteBuffer.wrap(data), target);
            return 1;
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "discovery: cannot send to {0}{1}: {2}", target,
                    via == null ? "" : " via " + via.name(), e.getMessage());
            return 0;
        }
    }

    /** Blocks for the next datagram; {@code buffer} is cleared first. Throws once the channel is closed. */
    SocketAddress receive(ByteBuffer buffer) throws IOException {
        buffer.clear();
        return channel.receive(buffer);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "discovery: closing the socket: {0}", e.getMessage());
        }
    }
}
