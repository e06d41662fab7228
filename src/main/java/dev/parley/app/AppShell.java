package dev.parley.app;

import dev.parley.app.chat.ChatController;
import dev.parley.app.chat.ChatFormats;
import dev.parley.app.chat.ChatSession;
import dev.parley.app.chat.ChatViewModel;
import dev.parley.app.chat.EventPump;
import dev.parley.app.fx.AppIcons;
import dev.parley.app.fx.ViewLoader;
import dev.parley.app.settings.Settings;
import dev.parley.app.start.ConnectRequest;
import dev.parley.app.start.StartViewModel;
import dev.parley.app.start.StartController;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

import java.util.List;

/**
 * The one window: shows the start screen or a chat, and takes care of leaving. It builds each
 * screen's view model and controller from {@link AppServices}. FX thread only.
 */
public final class AppShell {
    static final double WIDTH = 1040;
    static final double HEIGHT = 720;

    private final Stage stage;
    private final AppServices services;
    private final Scene scene;
    private StartViewModel start;
    private Chat chat;
    private Thread ending;

    /** The open chat and what must be stopped when it is left. */
    private record Chat(ChatSession session, ChatViewModel vm, EventPump pump, ChatController controller) {
    }

    public AppShell(Stage stage, AppServices services) {
        this.stage = stage;
        this.services = services;
        this.scene = new Scene(new javafx.scene.layout.StackPane(), WIDTH, HEIGHT);
        services.theme().attach(scene);
        stage.setScene(scene);
        AppIcons.applyTo(stage);
        stage.setMinWidth(640);
        stage.setMinHeight(480);
        services.settings().geometry().ifPresent(g -> {
            stage.setX(g.x());
            stage.setY(g.y());
            stage.setWidth(g.width());
            stage.setHeight(g.height());
        });
        stage.setOnCloseRequest(this::closeRequested);
    }

    /** Shows the start screen; with a request, starts it at once (the command line's shortcuts). */
    public void open(ConnectRequest request) {
        showStart();
        if (request != null) {
            start.fill(request);
            start.start(request);
        }
        stage.show();
    }

    public Stage stage() {
        return stage;
    }

    public ChatViewModel chatViewModel() {
        return chat == null ? null : chat.vm();
    }

    public StartViewModel startViewModel() {
        return start;
    }

    /** Leaves the chat, saying bye, and remembers the window; used when the window closes or the app quits. */
    public void shutdown() {
        saveGeometry();
        if (start != null) {
            start.cancel();
        }
        Thread t = closeChat();
        if (t != null) {
            ending = t;
        }
    }

    private void showStart() {
        closeChat();
        var bundle = services.bundle();
        start = new StartViewModel(services.settings(), bundle, services.background(), services.connectors(),
                this::showChat);
        var controller = new StartController(start, services.theme(), bundle, this::showAbout);
        stage.titleProperty().unbind();
        stage.setTitle(bundle.getString("app.name"));
        setRoot(services.views().load("/dev/parley/app/start/start.fxml", ViewLoader.only(controller)));
    }

    private void showChat(ChatSession session) {
        start = null;
        var bundle = services.bundle();
        var vm = new ChatViewModel(session, session.address(), session.hosting(), bundle, services.clock(),
                services.notifiers().apply(stage));
        var pump = new EventPump(session, services.fxExecutor(), vm::apply);
        List<String> addresses = session.hosting() ? services.lanAddresses().apply(session.server().port()) : List.of();
        var controller = new ChatController(vm, new ChatFormats(bundle, services.clock(), java.util.Locale.getDefault(java.util.Locale.Category.FORMAT)), services.theme(),
                services.browser(), services.clock(), addresses, this::leaveChat, this::backToStart, this::showAbout);
        Parent root = services.views().load("/dev/parley/app/chat/chat.fxml", ViewLoader.only(controller));
        chat = new Chat(session, vm, pump, controller);
        stage.titleProperty().bind(vm.titleProperty());
        vm.windowFocusedProperty().bind(stage.focusedProperty());
        setRoot(root);
        pump.start();
    }

    private void leaveChat() {
        if (chat != null && confirmLeaving()) {
            showStart();
        }
    }

    private void backToStart() {
        showStart();
    }

    private void showAbout() {
        services.dialogs().about(stage);
    }

    private void closeRequested(WindowEvent e) {
        if (chat != null && !confirmLeaving()) {
            e.consume();
            return;
        }
        shutdown();
    }

    /** Waits (bounded) for a hosted room to finish saying goodbye; for the app's last moments only. */
    public void awaitEnded(java.time.Duration atMost) {
        Thread t = ending;
        if (t != null && t.isAlive()) {
            try {
                t.join(atMost);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean confirmLeaving() {
        ChatSession session = chat.session();
        boolean live = chat.vm().stateProperty().get() != ChatViewModel.ConnectionState.ENDED;
        int guests = session.guestCount();
        return !live || !session.hosting() || guests == 0 || services.dialogs().confirmEnd(stage, guests);
    }

    private Thread closeChat() {
        if (chat == null) {
            return null;
        }
        Chat c = chat;
        chat = null;
        c.controller().dispose();
        c.vm().windowFocusedProperty().unbind();
        Thread ending = c.session().leave();
        c.pump().stop();
        return ending;
    }

    private void setRoot(Parent root) {
        scene.setRoot(root);
    }

    private void saveGeometry() {
        if (!stage.isIconified() && !stage.isMaximized() && stage.getWidth() > 0) {
            services.settings().geometry(new Settings.Geometry(stage.getX(), stage.getY(), stage.getWidth(),
                    stage.getHeight()));
        }
    }
}
