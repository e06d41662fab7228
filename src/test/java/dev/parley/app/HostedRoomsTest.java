package dev.parley.app;

import dev.parley.client.ClientConfig;
import dev.parley.client.HostTrust;
import dev.parley.server.ServerConfig;
import dev.parley.testing.TestTls;
import dev.parley.tls.DataFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One shutdown hook for the app, whatever it hosts: hosting and leaving again and again registers
 * no hook per room and keeps no closed room (each cycle used to leave a hook holding a closed
 * server); a room still open at exit is ended by the hook, telling its guests.
 */
@Timeout(60)
class HostedRoomsTest {
    private final List<Thread> hooks = new ArrayList<>();
    private final HostedRooms rooms = new HostedRooms(hooks::add);
    private final Connectors connectors = Connectors.network(rooms,
            new TlsState(new DataFolder(TestTls.trustingFolder())));

    private static ServerConfig loopback() {
        return ServerConfig.defaults().withBind("127.0.0.1").withPort(0);
    }

    @Test
    void hostingAndLeavingFiveTimesKeepsNoRoomAndRegistersOneHook() throws Exception {
        for (int i = 0; i < 5; i++) {
            var server = connectors.host(loopback());
            var client = connectors.join(ClientConfig.of("127.0.0.1", server.port(), "host" + i)
                    .withHostKey(server.hostKey()), HostTrust.expect(TestTls.key(), null), c -> { });
            assertThat(rooms.open()).containsExactly(server);
            client.close();
            server.close();
            assertThat(rooms.open()).as("after leaving room " + i).isEmpty();
        }
        assertThat(hooks).hasSize(1);
    }

    @Test
    void theHookEndsARoomStillOpenAndItsGuestsHearTheChatEnded() throws Exception {
        var server = connectors.host(loopback());
        var guest = connectors.join(ClientConfig.of("127.0.0.1", server.port(), "guest"), HostTrust.stored(),
                c -> { });
        try {
            hooks.getFirst().run();
            assertThat(rooms.open()).isEmpty();
            dev.parley.client.ChatEvent event;
            do {
                event = guest.takeEvent();
            } while (!(event instanceof dev.parley.client.ChatEvent.Ended));
            assertThat(((dev.parley.client.ChatEvent.Ended) event).reason())
                    .isEqualTo(dev.parley.client.ChatEvent.EndReason.HOST_ENDED);
        } finally {
            guest.close();
        }
    }
}
