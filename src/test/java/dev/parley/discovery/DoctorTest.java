package dev.parley.discovery;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The host half of the troubleshooter against real sockets on loopback. */
@Timeout(60)
class DoctorTest {
    private final List<InetSocketAddress> checked = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Doctor doctor() throws IOException {
        int freeUdp;
        try (var s = new DatagramSocket(0)) {
            freeUdp = s.getLocalPort();
        }
        HostCheck recording = reached -> {
            checked.add(reached);
            return List.of();
        };
        return new Doctor(DiscoveryConfig.defaults().withPort(freeUdp), Duration.ofMillis(300), List.of(recording));
    }

    private static List<String> keys(List<Finding> findings) {
        return findings.stream().map(Finding::key).toList();
    }

    @Test
    void aPortWithNothingListeningIsCalledRefusedFirst() throws Exception {
        int closed;
        try (var s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        List<Finding> findings = doctor().run(new Doctor.Target("127.0.0.1", closed));
        assertThat(findings.getFirst().key()).isEqualTo("doctor.refused");
        assertThat(findings.getFirst().args()).containsExactly("127.0.0.1", String.valueOf(closed));
        assertThat(checked).isEmpty();
    }

    @Test
    void aListeningHostIsReportedAndHandedToTheHostChecks() throws Exception {
        try (var room = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Finding> findings = doctor().run(new Doctor.Target("127.0.0.1", room.getLocalPort()));
            assertThat(keys(findings)).contains("doctor.connectOk").doesNotContain("doctor.refused", "doctor.timedOut");
            assertThat(checked).containsExactly(new InetSocketAddress(InetAddress.getLoopbackAddress(), room.getLocalPort()));
        }
    }

    @Test
    void aNameThatDoesNotResolveIsTheFirstThingSaid() throws Exception {
        List<Finding> findings = doctor().run(new Doctor.Target("no-such-host.invalid", 7770));
        assertThat(findings.getFirst().key()).isEqualTo("doctor.dnsFailed");
    }

    @Test
    void findingsComeProblemsFirstThenHintsThenPassedChecks() throws Exception {
        List<Finding> findings = doctor().run(new Doctor.Target("no-such-host.invalid", 7770));
        assertThat(findings).isSortedAccordingTo(java.util.Comparator.comparing(Finding::severity)
                .thenComparingInt(Finding::rank));
        assertThat(findings).isNotEmpty();
    }

    @Test
    void everyFindingHasASentenceInTheBundle() throws Exception {
        var bundle = java.util.ResourceBundle.getBundle("dev.parley.app.messages", java.util.Locale.ENGLISH);
        for (String key : List.of("noNetwork", "oneNetwork", "severalNetworks", "severalNetworksRoute", "vpn",
                "portBusy", "noMulticastAdapter", "sendFailed", "multicastFailed", "multicastOk", "roomsSeen", "hosting",
                "hostFirewall", "nothingHeard", "dnsOk", "dnsFailed", "connectOk", "refused", "timedOut", "noRoute",
                "connectFailed", "notOnLink")) {
            assertThat(bundle.containsKey("doctor." + key)).as(key).isTrue();
        }
        try (var src = java.nio.file.Files.walk(java.nio.file.Path.of("src/main/java/dev/parley/discovery"))) {
            List<String> used = src.filter(p -> p.toString().endsWith(".java")).flatMap(p -> {
                try {
                    var m = java.util.regex.Pattern.compile("\"(doctor\\.[A-Za-z]+)\"").matcher(java.nio.file.Files.readString(p));
                    return m.results().map(r -> r.group(1)).toList().stream();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
            assertThat(used).isNotEmpty().allSatisfy(k -> assertThat(bundle.containsKey(k)).as(k).isTrue());
        }
    }
}
