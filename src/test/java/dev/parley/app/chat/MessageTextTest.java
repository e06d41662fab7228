package dev.parley.app.chat;

import dev.parley.app.AppHarness;
import dev.parley.testing.TestTls;
import dev.parley.app.chat.ChatItem.Message;
import dev.parley.app.start.ConnectRequest;
import dev.parley.app.start.HostAddress;
import dev.parley.client.ChatClient;
import dev.parley.client.ClientConfig;
import dev.parley.server.RoomServer;
import dev.parley.server.ServerConfig;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextArea;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static dev.parley.app.FxTest.fx;
import static dev.parley.app.FxTest.onFx;
import static dev.parley.app.FxTest.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How message text is drawn in the real chat window: links, emoji, hostile text; and the composer's emoji. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MessageTextTest {
    private final AppHarness app = new AppHarness();
    private RoomServer server;
    private ChatClient alice;

    @Start
    void start(Stage stage) {
        app.open(stage);
    }

    @AfterEach
    void tearDown() {
        onFx(app::close);
        if (alice != null) {
            alice.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void join(double width) throws Exception {
        server = new RoomServer(TestTls.secure(ServerConfig.defaults().withPort(0).withRoom("Test room", null))).start();
        onFx(() -> app.shell.startViewModel().start(
                ConnectRequest.join(new HostAddress("127.0.0.1", server.port()), "Bob", null)));
        waitUntil(() -> app.chat() != null && "Test room".equals(app.chat().roomProperty().get()));
        onFx(() -> {
            app.shell.stage().setWidth(width);
            app.shell.stage().setHeight(760);
        });
        alice = TestTls.client(ClientConfig.of("127.0.0.1", server.port(), "Alice"));
        alice.connect();
    }

    private ListCell<?> shown(FxRobot robot, String text) {
        waitUntil(() -> cellWith(robot, text).isPresent() && !cellWith(robot, text).get().isNeedsLayout());
        return fx(() -> cellWith(robot, text).orElseThrow());
    }

    private static Optional<ListCell<?>> cellWith(FxRobot robot, String text) {
        return robot.lookup(".message-cell").queryAll().stream().<ListCell<?>>map(n -> (ListCell<?>) n)
                .filter(c -> c.isVisible() && c.getItem() instanceof Message m && m.text().equals(text)).findFirst();
    }

    private static Bounds scene(Node node) {
        return node.localToScene(node.getBoundsInLocal());
    }

    @Test
    void aLongLinkWrapsInsideItsBubbleAt640PxAndOpensWhole() throws Exception {
        join(640);
        String wiki = "https://en.wikipedia.org/wiki/Java_(programming_language)";
        String longUrl = "https://example.org/" + "segment-of-a-very-long-path/".repeat(8) + "end?q=1";
        String text = "see " + wiki + " and " + longUrl;
        alice.send(text);
        ListCell<?> cell = shown(robot(), text);
        fx(() -> {
            Bounds bubble = scene(cell.lookup(".bubble"));
            List<Node> links = List.copyOf(cell.lookupAll(".body-link"));
            assertFalse(links.isEmpty());
            for (Node link : links) {
                Bounds b = scene(link);
                assertTrue(b.getMinX() >= bubble.getMinX() - 0.5 && b.getMaxX() <= bubble.getMaxX() + 0.5,
                        "link piece " + b + " inside bubble " + bubble);
            }
            String wikiText = links.stream().map(n -> ((Text) n).getText()).collect(Collectors.joining());
            assertTrue(wikiText.startsWith(wiki), "the Wikipedia link is drawn whole, with its ')'");
            return null;
        });
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).until(() -> {
            robot().clickOn(fx(() -> {
                Node first = List.copyOf(cellWith(robot(), text).orElseThrow().lookupAll(".body-link")).getFirst();
                Bounds b = first.localToScreen(first.getBoundsInLocal());
                return new javafx.geometry.Point2D(b.getCenterX(), b.getCenterY());
            }));
            return app.opened.contains(wiki);
        });
    }

    @Test
    void emojiAreImagesOneForEachFamilyFlagAndSkinTone() throws Exception {
        join(1024);
        String text = "family 👨‍👩‍👧 flag 🇩🇪 thumb 👍🏽 keycap 1️⃣ text ©";
        alice.send(text);
        ListCell<?> cell = shown(robot(), text);
        fx(() -> {
            List<ImageView> images = cell.lookupAll(".emoji").stream().map(ImageView.class::cast).toList();
            assertEquals(List.of("👨‍👩‍👧", "🇩🇪", "👍🏽", "1️⃣"), images.stream().map(ImageView::getAccessibleText).toList());
            assertTrue(images.stream().allMatch(i -> i.getImage() != null && !i.getImage().isError()));
            String drawnText = cell.lookupAll(".body-text").stream().filter(Text.class::isInstance)
                    .map(n -> ((Text) n).getText()).collect(Collectors.joining());
            assertTrue(drawnText.codePoints().noneMatch(cp -> cp > 0x1f000), "no emoji left as (boxed) text");
            assertTrue(drawnText.contains("©"), "© without VS16 stays text");
            Bounds text14 = scene(images.getFirst());
            assertTrue(text14.getHeight() < 24, "in text, emoji are text-sized");
            return null;
        });
        alice.send("🎉🎂");
        ListCell<?> big = shown(robot(), "🎉🎂");
        assertTrue(fx(() -> scene(big.lookup(".emoji")).getHeight() >= 36), "one to three emoji alone are large");
    }

    @Test
    void hostileTextShowsItsTricksAndCopyGivesTheOriginal(FxRobot robot) throws Exception {
        join(1024);
        String text = "invoice_\u202Egpj.exe \u001B[31mred Z" + "\u0301".repeat(3900);
        alice.send(text);
        ListCell<?> cell = shown(robot, text);
        fx(() -> {
            List<String> boxes = cell.lookupAll(".hidden-char").stream().map(n -> ((Label) n).getText()).toList();
            assertEquals(List.of("RLO", "ESC", "+3895"), boxes);
            String drawn = cell.lookupAll(".body-text").stream().filter(Text.class::isInstance)
                    .map(n -> ((Text) n).getText()).collect(Collectors.joining());
            assertFalse(drawn.contains("\u202E") || drawn.contains("\u001B"));
            assertTrue(cell.getHeight() < 120, "3,900 marks do not make the row tall: " + cell.getHeight());
            return null;
        });
        robot.rightClickOn(fx(() -> {
            Bounds b = cell.lookup(".bubble").localToScreen(cell.lookup(".bubble").getBoundsInLocal());
            return new javafx.geometry.Point2D(b.getMinX() + 20, b.getMinY() + 10);
        }));
        waitUntil(() -> cell.getContextMenu() != null && cell.getContextMenu().isShowing());
        onFx(() -> cell.getContextMenu().getItems().stream()
                .filter(i -> "Copy text".equals(i.getText())).findFirst().orElseThrow().fire());
        waitUntil(() -> text.equals(Clipboard.getSystemClipboard().getString()));
    }

    @Test
    void thePickerInsertsAtTheCaretAndEscCloses(FxRobot robot) throws Exception {
        join(1024);
        TextArea composer = robot.lookup("#composer").queryAs(TextArea.class);
        onFx(() -> {
            composer.setText("ab");
            composer.requestFocus();
            composer.positionCaret(1);
        });
        robot.clickOn(fx(() -> {
            Node button = robot.lookup("#emojiButton").query();
            Bounds b = button.localToScreen(button.getBoundsInLocal());
            return new javafx.geometry.Point2D(b.getCenterX(), b.getCenterY());
        }));
        waitUntil(() -> robot.lookup(".emoji-picker").tryQuery().isPresent());
        robot.write("grinning");
        waitUntil(() -> robot.lookup(".emoji-cell").queryAll().size() >= 1);
        robot.type(KeyCode.DOWN).type(KeyCode.ENTER);
        waitUntil(() -> composer.getText().equals("a😀b"));
        assertEquals(3, (int) fx(composer::getCaretPosition), "the caret follows the emoji");

        robot.clickOn(fx(() -> {
            Node button = robot.lookup("#emojiButton").query();
            Bounds b = button.localToScreen(button.getBoundsInLocal());
            return new javafx.geometry.Point2D(b.getCenterX(), b.getCenterY());
        }));
        waitUntil(() -> robot.lookup(".emoji-picker").tryQuery().map(Node::isVisible).orElse(false));
        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> robot.lookup(".emoji-picker").tryQuery().map(n -> n.getScene().getWindow().isShowing()).orElse(false) == false);
        assertEquals("a😀b", fx(composer::getText));
    }

    @Test
    void typingAShortcodeOffersEmojiAndEnterPicksWithoutSending(FxRobot robot) throws Exception {
        join(1024);
        TextArea composer = robot.lookup("#composer").queryAs(TextArea.class);
        onFx(composer::requestFocus);
        robot.write("hi :smi");
        waitUntil(() -> robot.lookup(".shortcode-row").queryAll().size() >= 2);
        List<String> offered = fx(() -> robot.lookup(".shortcode-row").queryAll().stream()
                .map(n -> ((ImageView) ((javafx.scene.layout.HBox) n).getChildren().getFirst()).getAccessibleText()).toList());
        assertTrue(offered.containsAll(List.of("😃", "😄")), offered.toString());
        robot.type(KeyCode.DOWN).type(KeyCode.ENTER);
        waitUntil(() -> composer.getText().equals("hi 😄"));
        assertTrue(fx(() -> app.chat().items().stream().noneMatch(Message.class::isInstance)), "Enter picked, it did not send");

        robot.write(" :joy:");
        waitUntil(() -> composer.getText().equals("hi 😄 😂"));
        robot.write(" :thu");
        waitUntil(() -> robot.lookup(".shortcode-row").tryQuery().isPresent());
        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> robot.lookup(".shortcode-row").tryQuery().isEmpty());
        assertEquals("hi 😄 😂 :thu", fx(composer::getText));
    }

    private FxRobot robot() {
        return new FxRobot();
    }
}
