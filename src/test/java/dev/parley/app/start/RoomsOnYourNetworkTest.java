package dev.parley.app.start;

import dev.parley.app.AppHarness;
import dev.parley.discovery.Datagram;
import dev.parley.discovery.DatagramCodec;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;

import static dev.parley.app.FxTest.fx;
import static dev.parley.app.FxTest.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Rooms on your network" in the real start screen, fed by a fake announcer that sends real
 * datagrams over loopback to the app's discovery port.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(60)
class RoomsOnYourNetworkTest {
    private static final String KEY = "5e".repeat(32);
    private static final PseudoClass UNREACHABLE = PseudoClass.getPseudoClass("unreachable");

    private final AppHarness app = new AppHarness();
    private final DatagramCodec codec = new DatagramCodec();
    private DatagramSocket announcer;
    private ServerSocket room;

    @Start
    void start(Stage stage) throws IOException {
        app.settings.name("Bob");
        announcer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        room = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        app.open(stage);
    }

    @AfterEach
    void tearDown() throws IOException {
        dev.parley.app.FxTest.onFx(app::close);
        announcer.close();
        room.close();
    }

    /** Announces like a host does, again and again, until the room is in the list (the list starts listening off the FX thread). */
    private void announceUntilListed(FxRobot robot, String name, int port, String key) {
        byte[] data = codec.encode(new Datagram.Announcement("abc123", name, port, key, true, 3));
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
            announcer.send(new DatagramPacket(data, data.length, InetAddress.getLoopbackAddress(), app.discoveryPort));
            return fx(() -> robot.lookup("#roomList").<ListView<RoomRow>>query().getItems().stream()
                    .anyMatch(r -> r.name().equals(name)));
        });
    }

    private Node cell(FxRobot robot, String name) {
        return fx(() -> robot.lookup(".room-cell").match((Node n) -> n.lookup(".room-name") instanceof Label l
                && l.getText().equals(name)).query());
    }

    private static int closedPort() throws IOException {
        try (var s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void anAnnouncedRoomFillsTheListAndAClickFillsTheJoinForm(FxRobot robot) {
        robot.clickOn("#joinCard");
        announceUntilListed(robot, "Team room", room.getLocalPort(), KEY);
        waitUntil(() -> !cell(robot, "Team room").getPseudoClassStates().contains(UNREACHABLE));
        assertTrue(fx(() -> cell(robot, "Team room").lookup(".room-lock").isVisible()), "the room asks for a password");
        assertTrue(fx(() -> ((Label) cell(robot, "Team room").lookup(".room-detail")).getText().endsWith("3 people")));

        robot.clickOn(cell(robot, "Team room"));
        String address = "127.0.0.1:" + room.getLocalPort();
        assertEquals(address, fx(() -> robot.lookup("#addressField").queryAs(ComboBox.class).getEditor().getText()));
        assertEquals(KEY, fx(() -> app.shell.roomsViewModel().expectedHostKey(address)),
                "the announced key is kept for the trust check");
        assertEquals(null, fx(() -> app.shell.roomsViewModel().expectedHostKey("127.0.0.1:1")),
                "a different address does not carry the key");
    }

    @Test
    void anUnreachableRoomIsGreyedWithTheReason(FxRobot robot) throws IOException {
        int closed = closedPort();
        robot.clickOn("#joinCard");
        announceUntilListed(robot, "Gone room", closed, null);
        waitUntil(() -> cell(robot, "Gone room").getPseudoClassStates().contains(UNREACHABLE)
                && ((Label) cell(robot, "Gone room").lookup(".room-status")).getText().startsWith("Not reachable"));
        assertEquals("Not reachable: nothing answers on port " + closed,
                fx(() -> ((Label) cell(robot, "Gone room").lookup(".room-status")).getText()));
    }

    @Test
    void cantFindTheRoomExplainsWhyTheTypedHostDoesNotAnswer(FxRobot robot) throws IOException {
        int closed = closedPort();
        robot.clickOn("#joinCard");
        robot.clickOn("#addressField").write("127.0.0.1:" + closed);
        robot.clickOn("#helpLink");
        waitUntil(() -> !robot.lookup("#doctorLines").queryAs(VBox.class).getChildren().isEmpty());
        String first = fx(() -> ((Label) robot.lookup("#doctorLines").queryAs(VBox.class).getChildren().getFirst()).getText());
        assertEquals("127.0.0.1 answered, but nothing listens on port " + closed + ": Parley is not running there, or the"
                + " room uses another port. Ask the host to start the room, and check the port.", first);
    }

    @Test
    void announcingIsOnByDefaultAndTurningItOffIsRemembered(FxRobot robot) {
        robot.clickOn("#hostCard");
        assertTrue(fx(() -> robot.lookup(".announce").queryAs(CheckBox.class).isSelected()));
        robot.clickOn(".announce");
        assertFalse(app.settings.announce());
    }
}
