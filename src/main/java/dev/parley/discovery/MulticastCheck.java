package dev.parley.discovery;

import dev.parley.discovery.Finding.Severity;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The troubleshooter's network half: sends a query with its own nonce through each adapter, listens
 * for a while, and reads what came back: its own query (multicast works on that adapter), rooms
 * announced by this computer (it hosts), and anything at all from other computers.
 */
final class MulticastCheck {
    private final DiscoveryConfig config;
    private final Duration listen;
    private final Set<String> nonces = ConcurrentHashMap.newKeySet();
    private final List<Heard> heard = new CopyOnWriteArrayList<>();

    private record Heard(InetSocketAddress source, Datagram datagram) {
    }

    MulticastCheck(DiscoveryConfig config, Duration listen) {
        this.config = config;
        this.listen = listen;
    }

    void run(List<LocalNetwork.Adapter> up, List<Finding> out) throws InterruptedException {
        DiscoveryChannel channel;
        try {
            channel = DiscoveryChannel.open(config);
        } catch (IOException e) {
            out.add(Finding.of(Severity.PROBLEM, 30, "doctor.portBusy", config.port(), String.valueOf(e.getMessage())));
            return;
        }
        try (channel) {
            List<LocalNetwork.Adapter> adapters = channel.adapters();
            if (adapters.isEmpty()) {
                out.add(Finding.of(Severity.PROBLEM, 31, "doctor.noMulticastAdapter"));
                return;
            }
            var pump = new DatagramPump(channel, config, Clock.systemUTC(), (s, d) -> heard.add(new Heard(s, d)));
            Thread reader = pump.start("parley-doctor");
            Map<LocalNetwork.Adapter, String> sentOn = new LinkedHashMap<>();
            var codec = new DatagramCodec();
            for (LocalNetwork.Adapter a : adapters) {
                String nonce = nonce();
                nonces.add(nonce);
                if (channel.sendOn(a, codec.encode(new Datagram.Query(nonce))) == 0) {
                    out.add(Finding.of(Severity.PROBLEM, 33, "doctor.sendFailed", a.name()));
                } else {
                    sentOn.put(a, nonce);
                }
            }
            Thread.sleep(listen);
            pump.stop();
            channel.close();
            reader.join(1_000);
            read(up, sentOn, out);
        }
    }

    private void read(List<LocalNetwork.Adapter> up, Map<LocalNetwork.Adapter, String> sentOn, List<Finding> out) {
        boolean anyLoop = false;
        for (var e : sentOn.entrySet()) {
            boolean back = heard.stream().anyMatch(h -> h.datagram() instanceof Datagram.Query q
                    && e.getValue().equals(q.nonce()));
            anyLoop |= back;
            out.add(back ? Finding.of(Severity.OK, 3, "doctor.multicastOk", e.getKey().name())
                    : Finding.of(Severity.PROBLEM, 32, "doctor.multicastFailed", e.getKey().name(), config.port()));
        }
        List<Heard> fromOthers = heard.stream().filter(h -> !LocalNetwork.isOwn(h.source().getAddress(), up))
                .filter(h -> !(h.datagram() instanceof Datagram.Query q && nonces.contains(q.nonce()))).toList();
        List<Heard> ownRooms = heard.stream().filter(h -> LocalNetwork.isOwn(h.source().getAddress(), up)
                && h.datagram() instanceof Datagram.Announcement).toList();
        List<String> rooms = describeRooms(fromOthers);
        if (!rooms.isEmpty()) {
            out.add(Finding.of(Severity.OK, 4, "doctor.roomsSeen", rooms.size(), String.join(", ", rooms)));
        }
        boolean hosting = false;
        for (String own : describeRooms(ownRooms)) {
            hosting = true;
            out.add(Finding.of(Severity.OK, 5, "doctor.hosting", own));
        }
        if (!fromOthers.isEmpty() || !anyLoop) {
            return;
        }
        if (hosting) {
            Datagram.Announcement a = (Datagram.Announcement) ownRooms.getFirst().datagram();
            Reachability local = ReachabilityProbe.probe(
                    new InetSocketAddress(ownRooms.getFirst().source().getAddress(), a.port()), config.connectTimeout());
            if (local instanceof Reachability.Reachable) {
                out.add(Finding.of(Severity.PROBLEM, 40, "doctor.hostFirewall", a.room(), a.port(), config.port()));
                return;
            }
        }
        out.add(Finding.of(Severity.PROBLEM, 50, "doctor.nothingHeard"));
    }

    /** "Team room at 192.168.1.20:7770", one per announcer. */
    private static List<String> describeRooms(List<Heard> heard) {
        Map<String, String> byInstance = new LinkedHashMap<>();
        for (Heard h : heard) {
            if (h.datagram() instanceof Datagram.Announcement a) {
                String where = AddressText.withPort(h.source().getAddress(), a.port());
                byInstance.merge(a.instance(), "\"" + a.room() + "\" (" + where + ")",
                        (old, now) -> where.startsWith("[") ? old : now);
            }
        }
        return new ArrayList<>(byInstance.values());
    }

    private static String nonce() {
        byte[] b = new byte[8];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
