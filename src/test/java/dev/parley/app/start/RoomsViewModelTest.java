package dev.parley.app.start;

import dev.parley.discovery.Datagram;
import dev.parley.discovery.DatagramCodec;
import dev.parley.discovery.DiscoveryConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The rooms view model without a window: a single thread stands in for the FX thread. */
@Timeout(30)
class RoomsViewModelTest {
    private static final String PINNED = "a1".repeat(32);
    private static final String UNKNOWN = "b2".repeat(32);

    private final ExecutorService fx = Executors.newSingleThreadExecutor();
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private final DatagramCodec codec = new DatagramCodec();
    private RoomsViewModel vm;
    private DatagramSocket announcer;
    private ServerSocket room;
    private int discoveryPort;

    @AfterEach
    void tearDown() throws Exception {
        onFx(() -> {
            vm.close();
            return null;
        });
        announcer.close();
        room.close();
        fx.shutdownNow();
        background.shutdownNow();
        fx.awaitTermination(5, TimeUnit.SECONDS);
    }

    private <T> T onFx(Callable<T> read) throws Exception {
        return fx.submit(read).get(10, TimeUnit.SECONDS);
    }

    private void start() throws Exception {
        try (var probe = new DatagramSocket(0)) {
            discoveryPort = probe.getLocalPort();
        }
        announcer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        room = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        ResourceBundle bundle = ResourceBundle.getBundle("dev.parley.app.messages", Locale.ENGLISH);
        vm = onFx(() -> new RoomsViewModel(DiscoveryConfig.defaults().withPort(discoveryPort), PINNED::equals, bundle,
                background, fx));
        onFx(() -> {
            vm.start();
            return null;
        });
    }

    private void announceUntil(List<Datagram.Announcement> rooms, Callable<Boolean> shown) {
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (var a : rooms) {
                byte[] data = codec.encode(a);
                announcer.send(new DatagramPacket(data, data.length, InetAddress.getLoopbackAddress(), discoveryPort));
            }
            return onFx(shown);
        });
    }

    @Test
    void aRoomWhoseHostKeyIsAlreadyTrustedCarriesTheMarkAndOthersDoNot() throws Exception {
        start();
        int port = room.getLocalPort();
        announceUntil(List.of(new Datagram.Announcement("one", "Pinned room", port, PINNED, false, 2),
                new Datagram.Announcement("two", "Stranger's room", port + 0, UNKNOWN, false, 1)),
                () -> vm.rooms().size() == 2);
        List<RoomRow> rows = onFx(() -> List.copyOf(vm.rooms()));
        assertThat(rows).extracting(RoomRow::name, RoomRow::trusted)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Pinned room", true),
                        org.assertj.core.groups.Tuple.tuple("Stranger's room", false));
        assertThat(rows.getFirst().people()).isEqualTo("2 people");
    }

    @Test
    void aPickHandsOverTheAddressPortAndKey() throws Exception {
        start();
        int port = room.getLocalPort();
        announceUntil(List.of(new Datagram.Announcement("one", "Pinned room", port, PINNED, true, 0)),
                () -> vm.rooms().size() == 1);
        var picked = new java.util.concurrent.atomic.AtomicReference<RoomPick>();
        onFx(() -> {
            vm.setOnPicked(picked::set);
            vm.pick(vm.rooms().getFirst());
            return null;
        });
        assertThat(picked.get()).isEqualTo(new RoomPick(new HostAddress("127.0.0.1", port), PINNED, "Pinned room"));
        assertThat(onFx(() -> vm.expectedHostKey("127.0.0.1:" + port))).isEqualTo(PINNED);
        assertThat(onFx(() -> vm.rooms().getFirst().locked())).isTrue();
    }
}
