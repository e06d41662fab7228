package dev.parley.app.bench;

import dev.parley.app.chat.ChatController;
import dev.parley.app.chat.ChatFormats;
import dev.parley.app.chat.ChatItem;
import dev.parley.app.chat.ChatViewModel;
import dev.parley.app.chat.EventPump;
import dev.parley.app.fx.ThemeService;
import dev.parley.app.fx.ViewLoader;
import dev.parley.app.settings.MemoryStore;
import dev.parley.app.settings.Settings;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real chat view in a real stage, put together the way {@code AppShell.showChat} does it (same
 * FXML, controller, cell, stylesheet, AtlantaFX theme, scene size and event pump), with a
 * {@link SyntheticLink} where the client would be. Settings live in memory; notifications are only
 * counted. FX thread only.
 */
final class BenchWindow {
    /** AppShell's default window size. */
    static final double WIDTH = 1040;
    static final double HEIGHT = 720;

    private final Stage stage;
    private final Scene scene;
    private final ThemeService theme;
    private final ViewLoader views;
    private final Clock clock = Clock.systemDefaultZone();
    private final AtomicInteger notifications = new AtomicInteger();

    private SyntheticLink link;
    private ChatViewModel vm;
    private EventPump pump;
    private ChatController controller;
    private ListView<ChatItem> list;
    private volatile long longestHandOver;

    BenchWindow(Stage stage) {
        this.stage = stage;
        ResourceBundle bundle = ResourceBundle.getBundle("dev.parley.app.messages");
        var settings = new Settings(new MemoryStore());
        settings.theme(Settings.ThemeChoice.LIGHT);
        theme = new ThemeService(settings);
        views = new ViewLoader(bundle);
        scene = new Scene(new StackPane(), WIDTH, HEIGHT);
        theme.attach(scene);
        stage.setScene(scene);
        stage.setTitle("Parley window benchmark");
        stage.show();
    }

    /** Replaces the current chat (if any) with a new, empty one and starts its pump. */
    @SuppressWarnings("unchecked")
    void openChat(Traffic traffic) {
        closeChat();
        var bundle = views.bundle();
        link = new SyntheticLink();
        vm = new ChatViewModel(link, "127.0.0.1:7770", false, bundle, clock, (title, text) -> notifications.incrementAndGet());
        ChatViewModel model = vm;
        // Timed, so a stall can be told apart: the hand-over (apply, and every list listener it fires) or a pulse.
        pump = new EventPump(link, Platform::runLater, batch -> {
            long t0 = System.nanoTime();
            model.apply(batch);
            longestHandOver = Math.max(longestHandOver, System.nanoTime() - t0);
        });
        controller = new ChatController(vm, new ChatFormats(bundle, clock, Locale.getDefault(Locale.Category.FORMAT)),
                theme, new Settings(new MemoryStore()), url -> { }, clock, List.of(),
                new ChatController.Actions(() -> { }, () -> { }, () -> { }, () -> { }));
        Parent root = views.load("/dev/parley/app/chat/chat.fxml", ViewLoader.only(controller));
        stage.titleProperty().bind(vm.titleProperty());
        vm.windowFocusedProperty().bind(stage.focusedProperty());
        scene.setRoot(root);
        list = (ListView<ChatItem>) root.lookup("#messages");
        pump.start();
        link.deliver(List.of(traffic.welcome()));
    }

    void closeChat() {
        if (vm == null) {
            return;
        }
        controller.dispose();
        vm.windowFocusedProperty().unbind();
        stage.titleProperty().unbind();
        pump.stop();
        scene.setRoot(new StackPane());
        vm = null;
        link = null;
        list = null;
        controller = null;
        pump = null;
    }

    SyntheticLink link() {
        return link;
    }

    ChatViewModel vm() {
        return vm;
    }

    ListView<ChatItem> list() {
        return list;
    }

    VirtualFlow<?> flow() {
        return list.lookup(".virtual-flow") instanceof VirtualFlow<?> flow ? flow : null;
    }

    Scene scene() {
        return scene;
    }

    Stage stage() {
        return stage;
    }

    /** The longest batch hand-over to the view model since the last call, in ms; resets it. */
    double takeLongestHandOverMs() {
        double ms = longestHandOver / 1e6;
        longestHandOver = 0;
        return ms;
    }

    int notifications() {
        return notifications.get();
    }
}
