package dev.parley.discovery;

import dev.parley.discovery.Finding.Severity;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The troubleshooter behind {@code parley doctor} and "Can't find the room?": checks this
 * computer's adapters, whether multicast comes back on each, who else answers a query, and a host
 * given by address (name lookup, TCP connection, refused or timed out), and says what it found,
 * the most likely cause first. Blocks for the listening time plus the connection timeout: call it
 * off the FX thread.
 */
public final class Doctor {
    private final DiscoveryConfig config;
    private final Duration listen;
    private final List<HostCheck> hostChecks;

    /**
     * @param listen     how long to listen for answers to its query
     * @param hostChecks run after a TCP connection to the given host worked (TLS plugs in here)
     */
    public Doctor(DiscoveryConfig config, Duration listen, List<HostCheck> hostChecks) {
        this.config = config;
        this.listen = listen;
        this.hostChecks = List.copyOf(hostChecks);
    }

    /** The host a person asked about: a name or an address literal, and a port. */
    public record Target(String host, int port) {
    }

    /** Runs every check; {@code target} may be {@code null}. Findings come sorted, the most likely cause first. */
    public List<Finding> run(Target target) throws InterruptedException {
        List<Finding> out = new ArrayList<>();
        List<LocalNetwork.Adapter> up = LocalNetwork.upAdapters();
        InetAddress targetAddress = null;
        if (target != null) {
            targetAddress = checkHost(target, up, out);
        }
        if (up.isEmpty()) {
            out.add(Finding.of(Severity.PROBLEM, 0, "doctor.noNetwork"));
        } else {
            describeAdapters(up, targetAddress, out);
            new MulticastCheck(config, listen).run(up, out);
        }
        out.sort(Comparator.comparing(Finding::severity).thenComparingInt(Finding::rank));
        return List.copyOf(out);
    }

    private static void describeAdapters(List<LocalNetwork.Adapter> up, InetAddress target, List<Finding> out) {
        String list = up.stream().map(a -> a.name() + " (" + String.join(", ", a.addressTexts()) + ")")
                .collect(Collectors.joining(", "));
        if (up.size() == 1) {
            out.add(Finding.of(Severity.OK, 0, "doctor.oneNetwork", list));
        } else {
            LocalNetwork.Adapter used = Routes.adapterTowards(target, up);
            if (used == null) {
                out.add(Finding.of(Severity.HINT, 30, "doctor.severalNetworks", up.size(), list));
            } else {
                out.add(Finding.of(Severity.HINT, 30, "doctor.severalNetworksRoute", up.size(), list, used.name()));
            }
        }
        for (LocalNetwork.Adapter a : up) {
            if (a.looksLikeVpn()) {
                out.add(Finding.of(Severity.HINT, 10, "doctor.vpn", a.name()));
            }
        }
    }

    /** Name lookup, TCP connection and the registered host checks; returns the address reached or looked up. */
    private InetAddress checkHost(Target target, List<LocalNetwork.Adapter> up, List<Finding> out) {
        List<InetAddress> addresses;
        try {
            addresses = List.of(InetAddress.ofLiteral(target.host()));
        } catch (IllegalArgumentException notALiteral) {
            try {
                addresses = List.of(InetAddress.getAllByName(target.host()));
                out.add(Finding.of(Severity.OK, 1, "doctor.dnsOk", target.host(), addresses.stream()
                        .map(AddressText::of).collect(Collectors.joining(", "))));
            } catch (UnknownHostException e) {
                out.add(Finding.of(Severity.PROBLEM, 10, "doctor.dnsFailed", target.host()));
                return null;
            }
        }
        Reachability first = null;
        for (InetAddress a : addresses) {
            var where = new InetSocketAddress(a, target.port());
            Reachability r = ReachabilityProbe.probe(where, config.connectTimeout());
            if (r instanceof Reachability.Reachable) {
                out.add(Finding.of(Severity.OK, 2, "doctor.connectOk", target.host(), target.port()));
                for (HostCheck check : hostChecks) {
                    out.addAll(check.check(where));
                }
                return a;
            }
            if (first == null) {
                first = r;
            }
        }
        if (first instanceof Reachability.Unreachable u) {
            String seconds = String.valueOf(Math.max(1, config.connectTimeout().toSeconds()));
            out.add(switch (u.reason()) {
                case REFUSED -> Finding.of(Severity.PROBLEM, 20, "doctor.refused", target.host(), target.port());
                case TIMED_OUT -> Finding.of(Severity.PROBLEM, 20, "doctor.timedOut", target.host(), target.port(),
                        seconds);
                case NO_ROUTE -> Finding.of(Severity.PROBLEM, 20, "doctor.noRoute", target.host());
                case OTHER -> Finding.of(Severity.PROBLEM, 20, "doctor.connectFailed", target.host(), target.port(),
                        u.detail());
            });
        }
        InetAddress a = addresses.getFirst();
        if (!up.isEmpty() && !LocalNetwork.onLink(a, up)) {
            out.add(Finding.of(Severity.HINT, 20, "doctor.notOnLink", target.host()));
        }
        return a;
    }
}
