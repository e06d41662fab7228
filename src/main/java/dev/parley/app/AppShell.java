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
import dev.parley.app.start.AnnounceController;
import dev.parley.app.start.RoomsAnnouncer;
import dev.parley.app.start.RoomsController;
import dev.parley.app.start.RoomsViewModel;
import dev.parley.app.start.TrustQuestions;
import dev.parley.discovery.Finding;
import dev.parley.discovery.TlsHostCheck;
import dev.parley.tls.HostCode;
import dev.parley.tls.HostKey;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The one window: shows the start screen or a chat, and takes care of leaving. It builds each
 * screen's view model and controller from {@link AppServices}. FX thread only.
 */
public final class AppShell {
    static final double WIDTH = 1040;
    static final double HEIGHT = 720;
    /** Longest a stop from the terminal may take before the process halts anyway. */
    private static final java.time.Duration SIGNAL_GRACE = java.time.Duration.ofSeconds(8);

    private final Stage stage;
    private final AppServices services;
    private final Scene scene;
    private StartViewModel start;
    private RoomsViewModel rooms;
    private Chat chat;
    private Thread ending;

    /** The open chat and what must be stopped when it is left. */
    private record Chat(ChatSession session, ChatViewModel vm, EventPump pump, ChatController controller,
                        AutoCloseable announcing) {
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
        services.settings().geometry().ifPresentOrElse(g -> {
            stage.setX(g.x());
            stage.setY(g.y());
            stage.setWidth(g.width());
            stage.setHeight(g.height());
        }, stage::sizeToScene); // a reused stage keeps an earlier size otherwise
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

    /**
     * Makes Ctrl+C or SIGTERM in the terminal that started the app end it as closing the window would
     * (without asking: there is no one to ask): the chat is left, a hosted room tells its guests the
     * chat ended, and the app exits the ordinary way, with 0 rather than the JVM's 130 or 143, so
     * that {@code ./mvnw javafx:run} does not report a failed build. A JVM shutdown hook could not do
     * this: it runs alongside JavaFX's own, which stops the renderer under it. Should the FX thread
     * not get there, the process halts after {@link #SIGNAL_GRACE}. Call once, from the app's
     * composition root.
     */
    public void leaveOnSignal() {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                    Thread.ofPlatform().daemon(true).name("parley-signal-grace").start(() -> {
                        try {
                            Thread.sleep(SIGNAL_GRACE);
                        } catch (InterruptedException e) {
                            return;
                        }
                        Runtime.getRuntime().halt(0);
                    });
                    javafx.application.Platform.runLater(javafx.application.Platform::exit);
                });
            } catch (IllegalArgumentException e) {
                // This system has no such signal (or the JVM keeps it): its default stays.
            }
        }
    }

    /** Leaves the chat, saying bye, and remembers the window; used when the window closes or the app quits. */
    public void shutdown() {
        saveGeometry();
        if (start != null) {
            start.cancel();
        }
        stopRooms();
        Thread t = closeChat();
        if (t != null) {
            ending = t;
        }
    }

    private void showStart() {
        closeChat();
        stopRooms();
        var bundle = services.bundle();
        start = new StartViewModel(services.settings(), bundle, services.background(), services.connectors(),
                trustQuestions(), this::showChat, services.guestCopy());
        var controller = new StartController(start, services.theme(), bundle, this::showAbout);
        rooms = new RoomsViewModel(services.discovery(), services.tls()::isTrusted, List.of(this::checkTls), bundle,
                services.background(), services.fxExecutor());
        start.setRoomPicks(rooms::pickFor);
        stage.titleProperty().unbind();
        stage.setTitle(bundle.getString("app.name"));
        setRoot(services.views().load("/dev/parley/app/start/start.fxml", ViewLoader.of(controller,
                new RoomsController(rooms, bundle), new AnnounceController(services.settings()))));
        rooms.start();
    }

    public RoomsViewModel roomsViewModel() {
        return rooms;
    }

    /** The questions about a host's key, as dialogs over this window. */
    private TrustQuestions trustQuestions() {
        return new TrustQuestions() {
            @Override
            public boolean trustNewHost(String address, HostCode code) {
                return services.dialogs().trustNewHost(stage, address, code);
            }

            @Override
            public boolean trustChangedHost(String address, HostCode pinned, HostCode presented) {
                return services.dialogs().trustChangedHost(stage, address, pinned, presented);
            }
        };
    }

    /** The troubleshooter's TLS check, on its background thread, against this person's trust store. */
    private List<Finding> checkTls(InetSocketAddress reached) {
        try {
            return new TlsHostCheck(services.tls().trustStore(), services.discovery().connectTimeout()).check(reached);
        } catch (IOException e) {
            System.getLogger(AppShell.class.getName()).log(System.Logger.Level.WARNING,
                    "doctor: cannot read the trusted hosts: {0}", e.getMessage());
            return List.of();
        }
    }

    private void stopRooms() {
        if (rooms != null) {
            rooms.close();
            rooms = null;
        }
    }

    private void showChat(ChatSession session) {
        start = null;
        stopRooms();
        var bundle = services.bundle();
        var vm = new ChatViewModel(session, session.address(), session.hosting(), bundle, services.clock(),
                services.notifiers().apply(stage), services.fxExecutor());
        vm.showEarlier(session.nick(), session.earlier().room(), session.earlier().events());
        var pump = new EventPump(session, services.fxExecutor(), vm::apply,
                session.hosting() ? batch -> { } : services.guestCopy().recorder(session.address()));
        List<String> addresses = session.hosting() ? services.lanAddresses().apply(session.server().port()) : List.of();
        var tls = session.hosting() ? session.server().config().tls() : null;
        HostKey hostKey = tls != null && tls.enabled() ? tls.context().key() : null;
        var controller = new ChatController(vm, new ChatFormats(bundle, services.clock(), java.util.Locale.getDefault(java.util.Locale.Category.FORMAT)), services.theme(),
                services.settings(), services.browser(), services.clock(), addresses, hostKey,
                new ChatController.Actions(this::leaveChat, this::backToStart, this::showAbout, this::quit,
                        this::exportChat));
        controller.fileChoosers(new dev.parley.app.files.FileChoosers() {
            @Override
            public List<java.io.File> openFiles(javafx.stage.Window owner, javafx.stage.FileChooser chooser) {
                return services.dialogs().openFiles(owner, chooser);
            }

            @Override
            public java.io.File saveFile(javafx.stage.Window owner, javafx.stage.FileChooser chooser) {
                return services.dialogs().saveFile(owner, chooser);
            }
        });
        Parent root = services.views().load("/dev/parley/app/chat/chat.fxml", ViewLoader.only(controller));
        AutoCloseable announcing = session.hosting() && services.settings().announce()
                ? RoomsAnnouncer.start(services.discovery(), session.server(), services.background()) : () -> { };
        chat = new Chat(session, vm, pump, controller, announcing);
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

    /** "Export chat…": the host writes from its database, a guest pages the history in from the host. */
    private void exportChat() {
        if (chat == null) {
            return;
        }
        var exporter = new dev.parley.app.chat.ChatExporter(chat.session(), chat.session().server());
        new dev.parley.app.chat.ExportDialog(services.bundle(), services.background(),
                (owner, chooser) -> services.dialogs().saveFile(owner, chooser))
                .show(stage, exporter, chat.vm().roomProperty().get(), chat.vm().history().newestSeq());
    }

    private void showAbout() {
        services.dialogs().about(stage);
    }

    /** Ctrl+Q: closes the window as its close button would, asking a host with guests first. */
    private void quit() {
        stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST));
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
        try {
            c.announcing().close();
        } catch (Exception e) {
            System.getLogger(AppShell.class.getName()).log(System.Logger.Level.DEBUG, "discovery: stopping: {0}",
                    e.getMessage());
        }
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
