package dev.parley.app.chat;

import dev.parley.app.AppHarness;
import dev.parley.testing.TestTls;
import dev.parley.app.TcpRelay;
import dev.parley.app.chat.ChatItem.Delivery;
import dev.parley.app.chat.ChatItem.Message;
import dev.parley.app.start.ConnectRequest;
import dev.parley.app.start.HostAddress;
import dev.parley.client.ChatClient;
import dev.parley.client.ChatEvent;
import dev.parley.client.ClientConfig;
import dev.parley.server.RoomServer;
import dev.parley.server.ServerConfig;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.parley.app.FxTest.fx;
import static dev.parley.app.FxTest.onFx;
import static dev.parley.app.FxTest.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chat window against a real room on loopback, with a scripted second participant. */
@ExtendWith(ApplicationExtension.class)
@Timeout(180)
class ChatWindowTest {
    private final AppHarness app = new AppHarness();
    private final List<AutoCloseable> closeLater = new ArrayList<>();
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        app.open(stage);
    }

    @AfterEach
    void tearDown() throws Exception {
        onFx(app::close);
        for (AutoCloseable c : closeLater.reversed()) {
            c.close();
        }
    }

    private RoomServer server(int port) throws IOException {
        var server = new RoomServer(TestTls.secure(ServerConfig.defaults().withPort(port).withRoom("Test room", null))).start();
        closeLater.add(server);
        return server;
    }

    private void joinAsBob(int port) {
        onFx(() -> app.shell.startViewModel().start(
                ConnectRequest.join(new HostAddress("127.0.0.1", port), "Bob", null)));
        waitUntil(() -> app.chat() != null && "Test room".equals(app.chat().roomProperty().get()));
    }

    private ChatClient guest(int port, String nick) throws Exception {
        var client = TestTls.client(ClientConfig.of("127.0.0.1", port, nick));
        client.connect();
        closeLater.add(client);
        return client;
    }

    private static List<Message> messages(ChatViewModel vm) {
        return vm.items().stream().filter(Message.class::isInstance).map(Message.class::cast).toList();
    }

    private List<String> infoTexts() {
        return fx(() -> app.chat().items().stream().filter(ChatItem.Info.class::isInstance)
                .map(i -> ((ChatItem.Info) i).text()).toList());
    }

    private ListView<ChatItem> list(FxRobot robot) {
        return robot.lookup("#messages").queryListView();
    }

    /** The cell on screen showing the message with this text. */
    @SuppressWarnings("unchecked")
    private Optional<ListCell<ChatItem>> cellWith(FxRobot robot, String text) {
        return robot.lookup(".message-cell").queryAll().stream()
                .map(n -> (ListCell<ChatItem>) n)
                .filter(c -> c.getItem() instanceof Message m && m.text().equals(text) && c.isVisible())
                .findFirst();
    }

    /**
     * The screen centre of a node, read on the FX thread: TestFX's own lookups read bounds on the
     * test thread, which races with rows arriving on the FX thread.
     */
    private static javafx.geometry.Point2D at(FxRobot robot, String query) {
        return fx(() -> {
            Node node = robot.lookup(query).query();
            Bounds b = node.localToScreen(node.getBoundsInLocal());
            return new javafx.geometry.Point2D(b.getCenterX(), b.getCenterY());
        });
    }

    private static Bounds sceneBounds(Node node) {
        return node.localToScene(node.getBoundsInLocal());
    }

    private static boolean shown(Node node) {
        return node.isVisible() && node.isManaged();
    }

    @Test
    void sentMessageIsARightAlignedBubbleThatReachesDelivered(FxRobot robot) throws IOException {
        var server = server(0);
        joinAsBob(server.port());
        robot.clickOn(at(robot, "#composer")).write("hello there");
        robot.type(KeyCode.ENTER);

        waitUntil(() -> messages(app.chat()).size() == 1
                && messages(app.chat()).getFirst().delivery() == Delivery.DELIVERED);
        waitUntil(() -> cellWith(robot, "hello there").map(c -> c.getPseudoClassStates().toString()
                .contains("delivered")).orElse(false));
        fx(() -> {
            var cell = cellWith(robot, "hello there").orElseThrow();
            Bounds bubble = sceneBounds(cell.lookup(".bubble"));
            Bounds listBounds = sceneBounds(list(robot));
            assertTrue(bubble.getMinX() > listBounds.getCenterX(), "own bubble sits on the right");
            assertTrue(listBounds.getMaxX() - bubble.getMaxX() < 40, "and reaches the right edge");
            assertFalse(shown(cell.lookup(".avatar")), "own messages have no avatar");
            assertTrue(cell.getAccessibleText().startsWith("You, "));
            assertTrue(cell.getAccessibleText().endsWith(": hello there"));
            return null;
        });
        assertEquals("", fx(() -> robot.lookup("#composer").queryAs(TextArea.class).getText()));
        assertTrue(fx(() -> robot.lookup("#composer").queryAs(TextArea.class).isFocused()),
                "focus stays in the composer");
    }

    @Test
    void messageFromAnotherPersonAppearsOnTheLeftWithNameAndAvatar(FxRobot robot) throws Exception {
        var server = server(0);
        joinAsBob(server.port());
        var alice = guest(server.port(), "Alice");
        alice.send("hi Bob");

        waitUntil(() -> cellWith(robot, "hi Bob").isPresent());
        fx(() -> {
            var cell = cellWith(robot, "hi Bob").orElseThrow();
            Bounds bubble = sceneBounds(cell.lookup(".bubble"));
            Bounds listBounds = sceneBounds(list(robot));
            assertTrue(bubble.getMaxX() < listBounds.getCenterX(), "others' bubbles sit on the left");
            Label sender = (Label) cell.lookup(".sender");
            assertTrue(shown(sender.getParent()));
            assertEquals("Alice", sender.getText());
            Label avatar = (Label) cell.lookup(".avatar");
            assertTrue(avatar.isVisible());
            assertEquals("A", avatar.getText());
            assertTrue(cell.getAccessibleText().startsWith("Alice, "));
            return null;
        });
    }

    @Test
    void clickingALinkInABubbleOpensItInTheBrowser(FxRobot robot) throws Exception {
        var server = server(0);
        joinAsBob(server.port());
        var alice = guest(server.port(), "Alice");
        alice.send("see https://openjfx.io for more");
        waitUntil(() -> cellWith(robot, "see https://openjfx.io for more").isPresent());
        // The list may still be settling (joins arriving, following the bottom) on a loaded
        // machine: click where the link is now, and again if it moved before the click landed.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    robot.clickOn(fx(() -> {
                        Node node = cellWith(robot, "see https://openjfx.io for more").orElseThrow().lookup(".body-link");
                        Bounds b = node.localToScreen(node.getBoundsInLocal());
                        return new javafx.geometry.Point2D(b.getCenterX(), b.getCenterY());
                    }));
                    return app.opened.contains("https://openjfx.io");
                });
        assertTrue(app.opened.stream().allMatch("https://openjfx.io"::equals), "only the link was opened");
    }

    @Test
    void joinsAndLeavesShowAsSystemRowsAndInThePeopleList(FxRobot robot) throws Exception {
        var server = server(0);
        joinAsBob(server.port());
        var alice = guest(server.port(), "Alice");
        waitUntil(() -> infoTexts().contains("Alice joined"));
        waitUntil(() -> app.chat().people().size() == 2);
        assertEquals("People · 2 online", fx(() -> robot.lookup("#peopleTitle").queryAs(Label.class).getText()));

        alice.close();
        // Right after her join, the two collapse into one row.
        waitUntil(() -> infoTexts().contains("Alice joined and left"));
        waitUntil(() -> app.chat().people().size() == 1);
    }

    @Test
    void typingIndicatorShowsWhileAnotherPersonTypesAndClearsWhenTheyStop(FxRobot robot) throws Exception {
        var server = server(0);
        joinAsBob(server.port());
        var alice = guest(server.port(), "Alice");
        waitUntil(() -> app.chat().people().size() == 2);

        alice.typing(true);
        waitUntil(() -> "Alice is typing…".equals(robot.lookup("#typingLabel").queryAs(Label.class).getText()));
        alice.typing(false);
        waitUntil(() -> robot.lookup("#typingLabel").queryAs(Label.class).getText().isEmpty());
    }

    @Test
    void enterSendsAndShiftEnterStartsANewLine(FxRobot robot) throws IOException {
        var server = server(0);
        joinAsBob(server.port());
        robot.clickOn(at(robot, "#composer")).write("line one");
        robot.press(KeyCode.SHIFT).press(KeyCode.ENTER).release(KeyCode.ENTER).release(KeyCode.SHIFT);
        robot.write("line two");
        assertEquals("line one\nline two", fx(() -> robot.lookup("#composer").queryAs(TextArea.class).getText()));
        assertTrue(fx(() -> messages(app.chat()).isEmpty()), "Shift+Enter does not send");

        robot.type(KeyCode.ENTER);
        waitUntil(() -> messages(app.chat()).size() == 1);
        assertEquals("line one\nline two", fx(() -> messages(app.chat()).getFirst().text()));
        assertEquals("", fx(() -> robot.lookup("#composer").queryAs(TextArea.class).getText()));
    }

    @Test
    void scrolledUpViewStaysPutAndOffersTheNewMessagesButton(FxRobot robot) throws Exception {
        var server = server(0);
        joinAsBob(server.port());
        var alice = guest(server.port(), "Alice");
        for (int i = 0; i < 30; i++) {
            alice.send("message " + i);
        }
        waitUntil(() -> messages(app.chat()).size() == 30);
        waitUntil(() -> lastVisibleIndex(robot) == list(robot).getItems().size() - 1);
        assertFalse(fx(() -> robot.lookup("#newMessagesButton").queryButton().isVisible()),
                "at the bottom the view follows new messages");

        robot.moveTo(at(robot, "#messages")).scroll(60, javafx.geometry.VerticalDirection.UP);
        waitUntil(() -> firstVisibleIndex(robot) == 0);
        for (int i = 30; i < 33; i++) {
            alice.send("message " + i);
        }
        waitUntil(() -> messages(app.chat()).size() == 33);
        waitUntil(() -> robot.lookup("#newMessagesButton").queryButton().isVisible());
        assertEquals(0, (int) fx(() -> firstVisibleIndex(robot)), "new messages do not move the view");
        assertEquals("3 new", fx(() -> robot.lookup("#newMessagesButton").queryButton().getText()),
                "one arrow: the icon, not a second one in the text");
        assertTrue(fx(() -> robot.lookup("#newMessagesButton").queryButton().getGraphic() instanceof org.kordamp.ikonli.javafx.FontIcon));

        robot.clickOn(at(robot, "#newMessagesButton"));
        waitUntil(() -> lastVisibleIndex(robot) == list(robot).getItems().size() - 1);
        waitUntil(() -> !robot.lookup("#newMessagesButton").queryButton().isVisible());
    }

    @Test
    void sendingWhileScrolledUpJumpsToTheBottom(FxRobot robot) throws Exception {
        var server = server(0);
        joinAsBob(server.port());
        var alice = guest(server.port(), "Alice");
        for (int i = 0; i < 30; i++) {
            alice.send("message " + i);
        }
        waitUntil(() -> messages(app.chat()).size() == 30);
        robot.moveTo(at(robot, "#messages")).scroll(60, javafx.geometry.VerticalDirection.UP);
        waitUntil(() -> firstVisibleIndex(robot) == 0);

        robot.clickOn(at(robot, "#composer")).write("back to the end");
        robot.type(KeyCode.ENTER);
        waitUntil(() -> lastVisibleIndex(robot) == list(robot).getItems().size() - 1);
    }

    private int firstVisibleIndex(FxRobot robot) {
        VirtualFlow<?> flow = (VirtualFlow<?>) list(robot).lookup(".virtual-flow");
        return flow.getFirstVisibleCell() == null ? -1 : flow.getFirstVisibleCell().getIndex();
    }

    private int lastVisibleIndex(FxRobot robot) {
        VirtualFlow<?> flow = (VirtualFlow<?>) list(robot).lookup(".virtual-flow");
        return flow.getLastVisibleCell() == null ? -1 : flow.getLastVisibleCell().getIndex();
    }

    @Test
    void lostConnectionShowsTheBannerAndAMessageTypedMeanwhileArrivesOnceAfterTheHostIsBack(FxRobot robot)
            throws Exception {
        var first = server(0);
        var relay = new TcpRelay(first.port()).start();
        closeLater.add(relay);
        joinAsBob(relay.port());

        relay.cut();
        first.close();
        waitUntil(() -> robot.lookup("#banner").query().isVisible());
        assertTrue(fx(() -> robot.lookup("#bannerLabel").queryAs(Label.class).getText().startsWith("Connection lost")));

        robot.clickOn(at(robot, "#composer")).write("typed while away");
        robot.type(KeyCode.ENTER);
        waitUntil(() -> messages(app.chat()).size() == 1);
        assertEquals(Delivery.SENDING, fx(() -> messages(app.chat()).getFirst().delivery()));

        var second = server(0);
        var watcher = guest(second.port(), "Watcher");
        relay.target(second.port());
        relay.start();
        robot.clickOn(at(robot, "#reconnectButton"));

        waitUntil(() -> messages(app.chat()).getFirst().delivery() == Delivery.DELIVERED);
        waitUntil(() -> !robot.lookup("#banner").query().isVisible());
        assertEquals(1, (int) fx(() -> messages(app.chat()).size()), "the message shows once");
        // A sentinel sent after it on the same connection: a second copy would reach the room before it.
        robot.clickOn(at(robot, "#composer")).write("sentinel");
        robot.type(KeyCode.ENTER);
        List<String> seen = new ArrayList<>();
        while (!seen.contains("sentinel")) {
            ChatEvent e = watcher.pollEvent(Duration.ofSeconds(15));
            assertNotNull(e, "the sentinel never arrived");
            if (e instanceof ChatEvent.Message m) {
                seen.add(m.msg().text());
            }
        }
        assertEquals(List.of("typed while away", "sentinel"), seen, "the room got it exactly once");
        assertTrue(infoTexts().contains("Reconnected — the host restarted the chat"),
                "a new host behind the same address is a restarted chat, not a resume");
        int reconnectedAt = fx(() -> app.chat().items().indexOf(app.chat().items().stream()
                .filter(i -> i instanceof ChatItem.Info info && info.text().startsWith("Reconnected"))
                .findFirst().orElseThrow()));
        int messageAt = fx(() -> app.chat().items().indexOf(messages(app.chat()).getFirst()));
        assertTrue(messageAt > reconnectedAt, "the message is drawn below the reconnect that delivered it");
    }

    @Test
    void whenTheHostEndsTheChatTheGuestSeesItAndCanGoBackToTheStart(FxRobot robot) throws IOException {
        var server = server(0);
        joinAsBob(server.port());
        server.close();

        waitUntil(() -> robot.lookup("#endedBar").query().isVisible());
        assertEquals("The host ended the chat.", fx(() -> robot.lookup("#endedLabel").queryAs(Label.class).getText()));
        assertFalse(fx(() -> robot.lookup("#composerBar").query().isVisible()));
        assertTrue(infoTexts().contains("The host ended the chat."));

        robot.clickOn(at(robot, "#backButton"));
        waitUntil(() -> robot.lookup("#hostCard").tryQuery().isPresent());
    }

    @Test
    void closingAHostWindowWithGuestsAsksFirstThenEndsTheChatForThem(FxRobot robot) throws Exception {
        int port;
        try (var probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        int hostPort = port;
        onFx(() -> app.shell.startViewModel().start(ConnectRequest.host("Carol", "Test room", hostPort, null)));
        waitUntil(() -> app.chat() != null && "Test room".equals(app.chat().roomProperty().get()));
        var alice = guest(hostPort, "Alice");
        waitUntil(() -> app.chat().people().size() == 2);

        app.confirmEnd = false;
        onFx(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        assertEquals(1, app.askedToEndFor);
        assertTrue(fx(stage::isShowing), "saying no keeps the chat open");

        app.confirmEnd = true;
        onFx(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        ChatEvent last = null;
        for (ChatEvent e = alice.pollEvent(Duration.ofSeconds(10)); e != null; e = alice.pollEvent(Duration.ofSeconds(10))) {
            last = e;
            if (e instanceof ChatEvent.Ended) {
                break;
            }
        }
        assertTrue(last instanceof ChatEvent.Ended ended && ended.reason() == ChatEvent.EndReason.HOST_ENDED);
    }

    @Test
    void ctrlQAndCtrlWAskAHostWithGuestsFirstAndCtrlWThenLeavesForTheStartScreen(FxRobot robot) throws Exception {
        int port;
        try (var probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        int hostPort = port;
        onFx(() -> app.shell.startViewModel().start(ConnectRequest.host("Carol", "Test room", hostPort, null)));
        waitUntil(() -> app.chat() != null && "Test room".equals(app.chat().roomProperty().get()));
        guest(hostPort, "Alice");
        waitUntil(() -> app.chat().people().size() == 2);
        onFx(() -> robot.lookup("#composer").query().requestFocus());

        app.confirmEnd = false;
        robot.press(KeyCode.CONTROL).press(KeyCode.Q).release(KeyCode.Q).release(KeyCode.CONTROL);
        waitUntil(() -> app.askedToEndFor == 1);
        assertTrue(fx(stage::isShowing), "saying no to Ctrl+Q keeps the window");
        app.askedToEndFor = -1;
        robot.press(KeyCode.CONTROL).press(KeyCode.W).release(KeyCode.W).release(KeyCode.CONTROL);
        waitUntil(() -> app.askedToEndFor == 1);
        assertTrue(fx(() -> app.chat() != null), "saying no to Ctrl+W keeps the chat");

        app.confirmEnd = true;
        robot.press(KeyCode.CONTROL).press(KeyCode.W).release(KeyCode.W).release(KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#hostCard").tryQuery().isPresent());
    }
}
