package dev.parley.app.chat;

import dev.parley.app.fx.ThemeService;
import dev.parley.app.fx.ViewLoader;
import dev.parley.app.settings.MemoryStore;
import dev.parley.app.settings.Settings;
import dev.parley.client.ChatEvent;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

import static dev.parley.app.FxTest.onFx;

/**
 * The real chat view (FXML, controller, cells, stylesheet, theme) on a TestFX stage, fed by a
 * {@link FakeLink}, at a width the test picks. Notifications are recorded; settings live in memory.
 */
final class ChatViewFixture {
    static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    final ResourceBundle bundle = ResourceBundle.getBundle("dev.parley.app.messages", Locale.ENGLISH);
    final MutableClock clock = new MutableClock(T0, ZoneOffset.UTC);
    final FakeLink link = new FakeLink();
    final Settings settings = new Settings(new MemoryStore());
    final List<String> notifications = new ArrayList<>();
    final List<String> actions = new ArrayList<>();
    private final Stage stage;
    ThemeService theme;
    ChatViewModel vm;
    ChatController controller;

    ChatViewFixture(Stage stage) {
        this.stage = stage;
    }

    /** Builds the view in a window {@code width} pixels wide; call from the test thread. */
    ChatViewFixture open(double width, boolean hosting) {
        onFx(() -> {
            theme = new ThemeService(settings);
            Scene scene = new Scene(new javafx.scene.layout.StackPane(), width, 700);
            theme.attach(scene);
            stage.setScene(scene);
            stage.setWidth(width);
            var formats = new ChatFormats(bundle, clock, Locale.ENGLISH);
            vm = new ChatViewModel(link, "10.0.0.5:7770", hosting, bundle, clock,
                    (t, x) -> notifications.add(t + "|" + x));
            controller = new ChatController(vm, formats, theme, settings, url -> { }, clock,
                    hosting ? List.of("192.0.2.7:7770") : List.of(),
                    new ChatController.Actions(() -> actions.add("leave"), () -> actions.add("back"),
                            () -> actions.add("about"), () -> actions.add("quit")));
            scene.setRoot(new ViewLoader(bundle).load("/dev/parley/app/chat/chat.fxml", ViewLoader.only(controller)));
            stage.show();
        });
        settle();
        return this;
    }

    void apply(ChatEvent... events) {
        onFx(() -> vm.apply(List.of(events)));
        settle();
    }

    void resize(double width) {
        onFx(() -> stage.setWidth(width));
        settle();
    }

    void close() {
        onFx(() -> controller.dispose());
    }

    Scene scene() {
        return stage.getScene();
    }

    Stage stage() {
        return stage;
    }

    @SuppressWarnings("unchecked")
    <T extends Node> T find(String query) {
        return (T) stage.getScene().lookup(query);
    }

    @SuppressWarnings("unchecked")
    ListView<ChatItem> messages() {
        return (ListView<ChatItem>) find("#messages");
    }

    /** What a label actually draws, ellipsis and all. FX thread. */
    static String drawn(javafx.scene.control.Labeled label) {
        return label.lookup(".text") instanceof Text t ? t.getText() : "";
    }

    /** Lets a few pulses run, so that whatever the view does after a change has been done. */
    static void settle() {
        for (int i = 0; i < 4; i++) {
            WaitForAsyncUtils.waitForFxEvents();
        }
    }
}
