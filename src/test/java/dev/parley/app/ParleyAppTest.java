package dev.parley.app;

import dev.parley.app.start.ConnectRequest;
import dev.parley.app.start.HostAddress;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** How the command line's host and join shortcuts become a connect request. */
@Timeout(10)
class ParleyAppTest {
    private final ResourceBundle bundle = ResourceBundle.getBundle("dev.parley.app.messages", Locale.ENGLISH);

    @Test
    void hostShortcutDefaultsTheRoomToTheHostsName() {
        assertEquals(ConnectRequest.host("Carol", "Carol's room", 7770, null),
                ParleyApp.request(Map.of("mode", "host", "name", "Carol", "port", "7770"), bundle));
        assertEquals(ConnectRequest.host("Carol", "Team", 8000, null),
                ParleyApp.request(Map.of("mode", "host", "name", "Carol", "room", "Team", "port", "8000"), bundle));
    }

    @Test
    void joinShortcutReadsTheAddress() {
        assertEquals(ConnectRequest.join(new HostAddress("::1", 7771), "Bob", null),
                ParleyApp.request(Map.of("mode", "join", "name", "Bob", "address", "[::1]:7771"), bundle));
    }

    @Test
    void withoutAShortcutTheStartScreenShows() {
        assertNull(ParleyApp.request(Map.of(), bundle));
    }
}
