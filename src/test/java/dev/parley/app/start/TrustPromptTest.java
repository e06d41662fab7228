package dev.parley.app.start;

import dev.parley.app.AppHarness;
import dev.parley.app.Connectors;
import dev.parley.app.HostedRooms;
import dev.parley.app.TlsState;
import dev.parley.discovery.Datagram;
import dev.parley.discovery.DatagramCodec;
import dev.parley.server.RoomServer;
import dev.parley.server.ServerConfig;
import dev.parley.testing.RecordingNetwork;
import dev.parley.testing.TestServers;
import dev.parley.testing.TestTls;
import dev.parley.tls.DataFolder;
import dev.parley.tls.HostCode;
import dev.parley.tls.TrustSource;
import dev.parley.tls.TrustStore;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import org.awaitility.Awaitility;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.parley.app.FxTest.fx;
import static dev.parley.app.FxTest.onFx;
import static dev.parley.app.FxTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The host key in the real window with the app's real dialogs, against a real TLS room: a host met for
 * the first time is asked about with its code before anything is sent, an invite line needs no question,
 * and a host that shows another key than before is a warning whose default is Cancel. What reached the
 * server is read from its transport.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(90)
class TrustPromptTest {
    private final AppHarness app = new AppHarness();
    private final List<AutoCloseable> closeLater = new ArrayList<>();
    private TrustStore store;

    @Start
    void start(Stage stage) throws IOException {
        // A guest that has never trusted anybody, with its own data folder.
        DataFolder folder = new DataFolder(TestTls.emptyFolder());
        app.tls = new TlsState(folder);
        app.connectors = Connectors.network(new HostedRooms(hook -> { }), app.tls);
        app.realTrustDialogs = true;
        app.settings.name("Bob");
        store = app.tls.trustStore();
        app.open(stage);
    }

    @AfterEach
    void tearDown() throws Exception {
        onFx(app::close);
        for (AutoCloseable c : closeLater.reversed()) {
            c.close();
        }
    }

    /** A room that proves {@code config}'s key, whose received plaintext {@code network} records. */
    private RoomServer room(ServerConfig config, RecordingNetwork network) throws IOException {
        var server = new RoomServer(config, network).start();
        closeLater.add(server);
        return server;
    }

    private static ServerConfig locked(ServerConfig config) {
        return config.withRoom("Locked room", "sesame-123");
    }

    private void join(FxRobot robot, String typed) {
        robot.clickOn("#joinCard");
        typePassword(robot);
        robot.clickOn("#addressField").write(typed);
        robot.clickOn("#startButton");
    }

    /** The room's password; the field may be scrolled below the rooms list, so it is filled, not clicked. */
    private static void typePassword(FxRobot robot) {
        onFx(() -> robot.lookup("#joinPasswordField").queryAs(PasswordField.class).setText("sesame-123"));
    }

    private static DialogPane dialog(FxRobot robot) {
        waitUntil(() -> robot.lookup(".parley-dialog").tryQuery().isPresent());
        return fx(() -> robot.lookup(".parley-dialog").queryAs(DialogPane.class));
    }

    /** The words of each host code shown, in order. */
    private static List<List<String>> codesShown(DialogPane pane) {
        return fx(() -> pane.lookupAll(".host-code").stream()
                .map(code -> code.lookupAll(".host-code-word").stream().map(n -> ((Label) n).getText()).toList())
                .toList());
    }

    private static Button button(DialogPane pane, String text) {
        return fx(() -> pane.getButtonTypes().stream().map(pane::lookupButton).map(Button.class::cast)
                .filter(b -> b.getText().equals(text)).findFirst().orElseThrow());
    }

    private boolean inChat(String room) {
        return app.chat() != null && room.equals(app.chat().roomProperty().get());
    }

    @Test
    void aHostMetForTheFirstTimeIsAskedAboutWithItsCodeBeforeAnythingIsSentAndYesIsRemembered(FxRobot robot)
            throws Exception {
        var config = locked(TestTls.secure(TestServers.config()));
        var network = new RecordingNetwork(dev.parley.server.Network.of(config.tls()));
        var server = room(config, network);

        join(robot, "127.0.0.1:" + server.port());
        DialogPane pane = dialog(robot);
        assertThat(fx(pane::getHeaderText)).isEqualTo("Is this the host you meant?");
        assertThat(codesShown(pane)).containsExactly(HostCode.of(TestTls.key()).words());
        assertThat(network.received()).as("the name and the password wait for the answer").allMatch(String::isEmpty);
        assertThat(server.users()).isEmpty();

        robot.clickOn(button(pane, "Yes, join"));
        waitUntil(() -> inChat("Locked room"));
        assertThat(store.get(TestTls.key()).orElseThrow().how()).isEqualTo(TrustSource.PROMPT);
        assertThat(app.askedAboutNewHost).containsExactly("127.0.0.1:" + server.port());

        // Leave (Ctrl+W) and join again: the answer was remembered, nobody asks.
        robot.press(KeyCode.CONTROL).press(KeyCode.W).release(KeyCode.W).release(KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#startButton").tryQuery().isPresent() && app.chat() == null);
        typePassword(robot);
        robot.clickOn("#startButton");
        waitUntil(() -> inChat("Locked room"));
        assertThat(app.askedAboutNewHost).hasSize(1);
    }

    @Test
    void cancellingTheFirstUseQuestionJoinsNothingAndSaysNothingWasSent(FxRobot robot) throws Exception {
        var config = locked(TestTls.secure(TestServers.config()));
        var network = new RecordingNetwork(dev.parley.server.Network.of(config.tls()));
        var server = room(config, network);

        join(robot, "127.0.0.1:" + server.port());
        DialogPane pane = dialog(robot);
        robot.clickOn(button(pane, "Cancel"));

        waitUntil(() -> !robot.lookup("#failureLabel").queryAs(Label.class).getText().isEmpty());
        assertThat(fx(() -> robot.lookup("#failureLabel").queryAs(Label.class).getText()))
                .isEqualTo("Not joined: nothing was sent to that host. Check the address, or ask the host for an invite line.");
        assertThat(network.received()).allMatch(String::isEmpty);
        assertThat(store.isTrusted(TestTls.key())).isFalse();
    }

    @Test
    void anInviteLineJoinsWithoutAQuestionAndTrustsItsKey(FxRobot robot) throws Exception {
        var config = locked(TestTls.secure(TestServers.config()));
        var server = room(config, new RecordingNetwork(dev.parley.server.Network.of(config.tls())));

        join(robot, "parley://127.0.0.1:" + server.port() + "/#" + TestTls.key().hex());
        waitUntil(() -> inChat("Locked room"));

        assertThat(app.askedAboutNewHost).isEmpty();
        assertThat(robot.lookup(".parley-dialog").tryQuery()).isEmpty();
        assertThat(store.get(TestTls.key()).orElseThrow().how()).isEqualTo(TrustSource.INVITE);
    }

    @Test
    void aHostThatNowShowsAnotherKeyIsAWarningWithBothCodesWhoseDefaultIsCancel(FxRobot robot) throws Exception {
        var config = locked(TestTls.secureAsOther(TestServers.config()));
        var network = new RecordingNetwork(dev.parley.server.Network.of(config.tls()));
        var server = room(config, network);
        // This computer joined the host at that address before, when it proved the test key.
        store.trust(TestTls.key(), TrustSource.PROMPT, "127.0.0.1:" + server.port(), "Locked room");

        join(robot, "127.0.0.1:" + server.port());
        DialogPane pane = dialog(robot);
        assertThat(fx(pane::getHeaderText)).isEqualTo("This is not the host you joined before");
        assertThat(codesShown(pane)).containsExactly(HostCode.of(TestTls.key()).words(),
                HostCode.of(TestTls.otherIdentity().key()).words());
        assertThat(fx(() -> button(pane, "Cancel").isDefaultButton())).isTrue();
        assertThat(fx(() -> button(pane, "Trust the new key").isDefaultButton())).isFalse();

        robot.type(KeyCode.ENTER);
        waitUntil(() -> !robot.lookup("#failureLabel").queryAs(Label.class).getText().isEmpty());
        assertThat(fx(() -> robot.lookup("#failureLabel").queryAs(Label.class).getText()))
                .startsWith("The host at 127.0.0.1:" + server.port() + " now proves a different key than before");
        assertThat(network.received()).as("hello was never sent").allMatch(String::isEmpty);
        assertThat(server.users()).isEmpty();
        assertThat(store.isTrusted(TestTls.otherIdentity().key())).isFalse();
        assertThat(Set.copyOf(store.pinnedForAddress("127.0.0.1:" + server.port()).stream().toList()))
                .containsExactly(TestTls.key());
    }

    /** Announces the room to the app's discovery port until the list shows it, then clicks it. */
    private void pickFromTheList(FxRobot robot, int port) throws IOException {
        byte[] data = new DatagramCodec().encode(new Datagram.Announcement("tls1", "Locked room", port,
                TestTls.key().hex(), true, 0));
        try (var announcer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
                announcer.send(new DatagramPacket(data, data.length, InetAddress.getLoopbackAddress(), app.discoveryPort));
                return fx(() -> robot.lookup("#roomList").<ListView<RoomRow>>query().getItems().stream()
                        .anyMatch(r -> r.name().equals("Locked room") && r.reachable()));
            });
        }
        waitUntil(() -> robot.lookup(".room-cell .room-name").match((Label l) -> l.getText().equals("Locked room"))
                .tryQuery().isPresent());
        robot.clickOn(robot.lookup(".room-cell .room-name").match((Label l) -> l.getText().equals("Locked room"))
                .<Label>query());
    }

    @Test
    void aRoomPickedFromTheListWhoseKeyIsTrustedIsMarkedAndJoinsWithoutAQuestion(FxRobot robot) throws Exception {
        var config = locked(TestTls.secure(TestServers.config()));
        var server = room(config, new RecordingNetwork(dev.parley.server.Network.of(config.tls())));
        store.trust(TestTls.key(), TrustSource.PROMPT, null, "Locked room");
        robot.clickOn("#joinCard");

        pickFromTheList(robot, server.port());
        assertThat(fx(() -> robot.lookup("#roomList").<ListView<RoomRow>>query().getItems().getFirst().trusted()))
                .as("the list marks a host whose key is trusted").isTrue();
        typePassword(robot);
        robot.clickOn("#startButton");

        waitUntil(() -> inChat("Locked room"));
        assertThat(app.askedAboutNewHost).isEmpty();
    }

    @Test
    void aRoomPickedFromTheListWithAnUnknownKeyGetsTheFirstUseQuestion(FxRobot robot) throws Exception {
        var config = locked(TestTls.secure(TestServers.config()));
        var server = room(config, new RecordingNetwork(dev.parley.server.Network.of(config.tls())));
        robot.clickOn("#joinCard");

        pickFromTheList(robot, server.port());
        assertThat(fx(() -> robot.lookup("#roomList").<ListView<RoomRow>>query().getItems().getFirst().trusted()))
                .isFalse();
        typePassword(robot);
        robot.clickOn("#startButton");

        DialogPane pane = dialog(robot);
        assertThat(codesShown(pane)).containsExactly(HostCode.of(TestTls.key()).words());
        robot.clickOn(button(pane, "Yes, join"));
        waitUntil(() -> inChat("Locked room"));
    }
}
