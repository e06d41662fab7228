package dev.parley.discovery;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A real browser on a real UDP socket, fed real datagrams over loopback. */
@Timeout(30)
class RoomBrowserTest {
    private final DatagramCodec codec = new DatagramCodec();
    private RoomBrowser browser;
    private DatagramSocket sender;
    private ServerSocket room;

    @BeforeEach
    void start() throws IOException {
        browser = RoomBrowser.start(DiscoveryConfig.defaults().withPort(0).withRecheckAfter(Duration.ofSeconds(1)),
                Clock.systemUTC(), true);
        sender = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        room = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stop() throws IOException {
        browser.close();
        sender.close();
        room.close();
    }

    private void send(byte[] data) throws IOException {
        sender.send(new DatagramPacket(data, data.length, InetAddress.getLoopbackAddress(), browser.port()));
    }

    private void announce(String name, int port) throws IOException {
        send(codec.encode(new Datagram.Announcement("c0ffee", name, port, null, true, 4)));
    }

    @Test
    void anAnnouncedRoomIsListedAtTheSourceAddressAndReachableOnceAConnectionWorks() throws IOException {
        announce("Team room", room.getLocalPort());
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.rooms().stream().anyMatch(DiscoveredRoom::reachable));
        DiscoveredRoom r = browser.rooms().getFirst();
        assertThat(r.address()).isEqualTo(InetAddress.getLoopbackAddress());
        assertThat(r.room()).isEqualTo("Team room");
        assertThat(r.passwordNeeded()).isTrue();
        assertThat(r.people()).isEqualTo(4);
    }

    @Test
    void aRoomWithNothingListeningStaysListedAsRefused() throws IOException {
        int closed;
        try (var s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        announce("Gone room", closed);
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.rooms().stream()
                .anyMatch(r -> r.reachability() instanceof Reachability.Unreachable u
                        && u.reason() == Reachability.Reason.REFUSED));
        assertThat(browser.rooms()).hasSize(1);
    }

    @Test
    void aHostThatStopsTurnsUnreachableWithoutAnotherAnnouncement() throws IOException {
        announce("Team room", room.getLocalPort());
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.rooms().stream().anyMatch(DiscoveredRoom::reachable));
        room.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.rooms().stream()
                .anyMatch(r -> r.reachability() instanceof Reachability.Unreachable u
                        && u.reason() == Reachability.Reason.REFUSED));
    }

    @Test
    void garbageOversizedAndForeignDatagramsChangeNothingAndTheBrowserKeepsListening() throws IOException {
        send("garbage".getBytes(StandardCharsets.UTF_8));
        send(new byte[DatagramCodec.MAX_DATAGRAM + 500]);
        send("{\"parley\":\"announce\",\"v\":2,\"room\":\"From the future\"}".getBytes(StandardCharsets.UTF_8));
        send("{\"parley\":\"announce\",\"v\":1,\"id\":\"x\",\"room\":\"No port\",\"password\":false,\"people\":1}"
                .getBytes(StandardCharsets.UTF_8));
        send(new byte[0]);
        announce("Real room", room.getLocalPort());
        await().atMost(Duration.ofSeconds(10)).until(() -> !browser.rooms().isEmpty());
        assertThat(browser.rooms()).extracting(DiscoveredRoom::room).containsExactly("Real room");
    }

    @Test
    void aFloodFromOneSourceIsRateLimited() throws IOException {
        for (int i = 0; i < 200; i++) {
            announce("Flood " + i, 20_000 + i);
        }
        announce("Last", room.getLocalPort());
        // A datagram from another source address, sent after the flood, shows the reader got past it
        // (limits are per source address, so 127.0.0.2 is not held back by 127.0.0.1's flood).
        try (var other = new DatagramSocket(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.2"), 0))) {
            byte[] probe = codec.encode(new Datagram.Announcement("beef", "Probe", room.getLocalPort(), null, false, 0));
            other.send(new DatagramPacket(probe, probe.length, InetAddress.getLoopbackAddress(), browser.port()));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.rooms().stream().anyMatch(r -> r.room().equals("Probe")));
        long fromFlooder = browser.rooms().stream().filter(r -> !r.room().equals("Probe")).count();
        assertThat(fromFlooder).isBetween(1L, 40L);
    }
}
