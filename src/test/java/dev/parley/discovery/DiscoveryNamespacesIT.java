package dev.parley.discovery;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Discovery across a real wire: the packaged {@code parley serve} runs in one network namespace,
 * {@code parley discover} and {@code parley doctor} in another, joined by a veth pair. No mocks.
 */
@Timeout(180)
class DiscoveryNamespacesIT {
    private static final String ROOM_LINE = "Team room\t" + NamespacePair.ADDRESS_A + ":7770\t-\t0";

    private NamespacePair net;
    private final List<Process> started = new ArrayList<>();

    /** What a finished command printed. */
    private record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void makeTheWire() {
        net = NamespacePair.create();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        for (Process p : started) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        net.close();
    }

    private static List<String> parley(String... args) {
        Path modules = Path.of(System.getProperty("parley.modules", "target/modules"));
        assertThat(modules).as("package the project first").isDirectory();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-p", modules.toString(), "-m", "dev.parley/dev.parley.Parley"));
        command.addAll(List.of(args));
        return command;
    }

    /** Starts {@code serve} in namespace A and waits for its listening line. */
    private void serve(String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("serve", "--port", "7770", "--room", "Team room", "--in-memory"));
        args.addAll(List.of(extra));
        Process p = NamespacePair.in(net.a, parley(args.toArray(String[]::new)))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        started.add(p);
        var reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = reader.readLine();
        assertThat(line).as("serve's first line").contains("listening on");
    }

    private Run runIn(String ns, String... args) throws IOException, InterruptedException {
        Process p = NamespacePair.in(ns, parley(args)).start();
        started.add(p);
        var err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        String out = read(p.getInputStream());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("parley " + String.join(" ", args) + " ends").isTrue();
        return new Run(p.exitValue(), out, err.join());
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void discoverInTheOtherNamespaceListsTheRoomAtTheHostsSourceAddress() throws Exception {
        serve();
        Run run = runIn(net.b, "discover", "--timeout", "4");
        assertThat(run.exit()).isZero();
        assertThat(run.out().lines()).containsExactly(ROOM_LINE);
    }

    @Test
    void anAdapterThatComesUpAfterTheHostStartedIsAnnouncedOn() throws Exception {
        String ip = NamespacePair.binary("ip");
        NamespacePair.run(ip, "-n", net.a, "link", "set", net.a + "v", "down");
        serve();
        NamespacePair.run(ip, "-n", net.a, "link", "set", net.a + "v", "up");
        // The host reads its adapters every 5 s and announces at once on one that came up.
        Run run = runIn(net.b, "discover", "--timeout", "8");
        assertThat(run.exit()).isZero();
        assertThat(run.out().lines()).containsExactly(ROOM_LINE);
    }

    @Test
    void aHostWithOnlyAnIpv6LinkLocalAddressIsListedAtThatAddressOnTheGuestsAdapter() throws Exception {
        String ip = NamespacePair.binary("ip");
        NamespacePair.run(ip, "-n", net.a, "-4", "addr", "flush", "dev", net.a + "v");
        String linkLocal = NamespacePair.run(ip, "-n", net.a, "-6", "-o", "addr", "show", "dev", net.a + "v",
                "scope", "link").replaceAll("(?s).*inet6 (fe80:[0-9a-f:]+)/.*", "$1").strip();
        assertThat(linkLocal).startsWith("fe80:");
        // A fresh IPv6 address is "tentative" (duplicate address detection) for a second or two and
        // cannot send yet; wait until both ends may use theirs.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .pollInterval(java.time.Duration.ofMillis(200)).until(() ->
                        NamespacePair.run(ip, "-n", net.a, "-6", "addr", "show", "dev", net.a + "v", "tentative").isBlank()
                        && NamespacePair.run(ip, "-n", net.b, "-6", "addr", "show", "dev", net.b + "v", "tentative").isBlank());
        serve();
        Run run = runIn(net.b, "discover", "--timeout", "5");
        assertThat(run.exit()).isZero();
        assertThat(run.out().lines()).containsExactly("Team room\t[" + linkLocal + "%" + net.b + "v]:7770\t-\t0");
    }

    @Test
    void aRoomServedWithNoAnnounceIsNotListed() throws Exception {
        serve("--no-announce");
        Run run = runIn(net.b, "discover", "--timeout", "3");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("No Parley room answered within 3 s");
    }

    @Test
    void garbageDatagramsSentIntoTheListenersNamespaceChangeNothing() throws Exception {
        serve();
        // From A, while discover listens in B: garbage, an oversized datagram, another version,
        // fields of the wrong kind and a control character in a room name, to B's address and to
        // the subnet broadcast, ten times a second.
        String target = "/dev/udp/" + NamespacePair.ADDRESS_B + "/7771";
        String broadcast = "/dev/udp/10.77.0.255/7771";
        String script = "for i in $(seq 60); do for t in " + target + " " + broadcast + "; do "
                + "printf 'garbage' > $t; head -c 3000 /dev/zero | tr '\\0' x > $t; "
                + "printf '{\"parley\":\"announce\",\"v\":9,\"id\":\"e\",\"room\":\"Future\",\"port\":1,\"password\":false,\"people\":1}' > $t; "
                + "printf '{\"parley\":\"announce\",\"v\":1,\"id\":\"e\",\"room\":\"Bad\",\"port\":\"1\",\"password\":false,\"people\":1}' > $t; "
                + "printf '{\"parley\":\"announce\",\"v\":1,\"id\":\"e\",\"room\":\"Tab\\\\there\",\"port\":1,\"password\":false,\"people\":1}' > $t; "
                + "done; sleep 0.1; done";
        Process flood = NamespacePair.in(net.a, List.of("bash", "-c", script))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        started.add(flood);
        Run run = runIn(net.b, "discover", "--timeout", "4");
        assertThat(run.exit()).isZero();
        assertThat(run.out().lines()).containsExactly(ROOM_LINE);
        assertThat(run.err()).doesNotContain("Exception");
    }

    @Test
    void doctorSaysFirewallForADroppedPortAndNothingListeningForAClosedOne() throws Exception {
        String nft = NamespacePair.binary("nft");
        assertThat(nft).as("the firewall check needs nft (apt-get install nftables; CI's .ci/run installs it)").isNotNull();
        serve();
        NamespacePair.run(NamespacePair.in(net.a, List.of(nft, "add table inet parleytest")).command().toArray(String[]::new));
        NamespacePair.run(NamespacePair.in(net.a, List.of(nft,
                "add chain inet parleytest input { type filter hook input priority 0 ; }")).command().toArray(String[]::new));
        NamespacePair.run(NamespacePair.in(net.a, List.of(nft,
                "add rule inet parleytest input tcp dport 7770 drop")).command().toArray(String[]::new));

        Run dropped = runIn(net.b, "doctor", NamespacePair.ADDRESS_A + ":7770");
        Run closed = runIn(net.b, "doctor", NamespacePair.ADDRESS_A + ":7999");
        Path transcript = Path.of("target", "discovery-doctor-transcript.txt");
        Files.writeString(transcript, "$ parley doctor " + NamespacePair.ADDRESS_A + ":7770   # TCP 7770 dropped by nft in the host's namespace\n"
                + dropped.out() + "(exit " + dropped.exit() + ")\n\n$ parley doctor " + NamespacePair.ADDRESS_A
                + ":7999   # nothing listens\n" + closed.out() + "(exit " + closed.exit() + ")\n");

        assertThat(dropped.exit()).isEqualTo(1);
        assertThat(dropped.out().lines().findFirst()).hasValue(NamespacePair.ADDRESS_A + " did not answer on port 7770"
                + " within 2 s: a firewall most likely drops the connection (on the host or on the network). Ask the host"
                + " to allow incoming TCP port 7770 for Parley, and check the address.");
        assertThat(dropped.out()).contains("Rooms that answered from other computers (1): \"Team room\" ("
                + NamespacePair.ADDRESS_A + ":7770).");
        assertThat(closed.exit()).isEqualTo(1);
        assertThat(closed.out().lines().findFirst()).hasValue(NamespacePair.ADDRESS_A + " answered, but nothing"
                + " listens on port 7999: Parley is not running there, or the room uses another port. Ask the host to"
                + " start the room, and check the port.");
    }
}
