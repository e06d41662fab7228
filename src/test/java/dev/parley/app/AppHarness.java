package dev.parley.app;

import dev.parley.app.chat.ChatViewModel;
import dev.parley.app.fx.FxDialogs;
import dev.parley.app.fx.ThemeService;
import dev.parley.app.fx.ViewLoader;
import dev.parley.app.settings.MemoryStore;
import dev.parley.app.settings.SettingsStore;
import dev.parley.app.settings.Settings;
import dev.parley.discovery.DiscoveryConfig;
import dev.parley.testing.TestTls;
import dev.parley.tls.DataFolder;
import dev.parley.tls.HostCode;
import javafx.stage.Stage;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The app as a test runs it: real views, view models, server and client (over TLS), but settings in
 * memory (never the person's own preferences), a data folder of its own (never the person's host key or
 * trusted hosts), notifications recorded and dialogs answered by the test.
 */
public final class AppHarness {
    public final Settings settings;
    public final List<String> notifications = new CopyOnWriteArrayList<>();
    public final List<String> opened = new CopyOnWriteArrayList<>();
    public volatile boolean confirmEnd = true;
    public volatile int askedToEndFor = -1;
    public volatile int aboutShown;
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    /** A UDP port of its own for discovery, so a test never hears or answers real rooms on 7771. */
    public final int discoveryPort = freeUdpPort();
    /**
     * The host key and trusted hosts: by default a folder of this harness's own whose host key is the
     * test identity and which trusts it ({@link TestTls#trustingFolder()}); a test may set another before
     * {@link #open}, and then {@link #connectors} too.
     */
    public TlsState tls = new TlsState(new DataFolder(TestTls.trustingFolder()));
    /** Where the start screen hosts and joins; real loopback by default, a fake when a test sets one before {@link #open}. */
    public Connectors connectors = Connectors.network(new HostedRooms(hook -> { }), tls);
    /** The answer to "Is this the host you meant?", and the addresses it was asked about. */
    public volatile boolean trustNewHost = true;
    public final List<String> askedAboutNewHost = new CopyOnWriteArrayList<>();
    /** The answer to the changed-key warning, and the addresses it warned about. */
    public volatile boolean trustChangedHost;
    public final List<String> warnedAboutChangedHost = new CopyOnWriteArrayList<>();
    /** Show the app's real dialogs for the host-key questions (tests that click them) instead of answering. */
    public boolean realTrustDialogs;
    public AppShell shell;
    private ThemeService theme;

    /** Settings in memory, this test's own. */
    /** What the app keeps of rooms joined as a guest; none unless a test gives it a folder. */
    public dev.parley.app.GuestCopy guestCopy = dev.parley.app.GuestCopy.none();
    /** Where "Export chat…" saves, as if the person picked it in the save dialog; {@code null} cancels. */
    public volatile java.io.File saveAs;
    /** What the attach button's file chooser answers, as if the person picked these; {@code null} cancels. */
    public volatile List<java.io.File> openFiles;

    public AppHarness() {
        this(new MemoryStore());
    }

    /** Settings in {@code store}, which a test may share between two windows as two app instances share one account. */
    public AppHarness(SettingsStore store) {
        this.settings = new Settings(store);
    }

    /** Builds the window on {@code stage}; call on the FX thread (a TestFX {@code @Start} method). */
    public AppShell open(Stage stage) {
        ResourceBundle bundle = ResourceBundle.getBundle("dev.parley.app.messages", Locale.ENGLISH);
        theme = new ThemeService(settings);
        var real = new FxDialogs(bundle, theme);
        var services = new AppServices(settings, theme, new ViewLoader(bundle),
                Clock.systemDefaultZone(), background, javafx.application.Platform::runLater, opened::add,
                new AppServices.Dialogs() {
                    @Override
                    public boolean confirmEnd(javafx.stage.Window owner, int guests) {
                        askedToEndFor = guests;
                        return confirmEnd;
                    }

                    @Override
                    public void about(javafx.stage.Window owner) {
                        aboutShown++;
                    }

                    @Override
                    public boolean trustNewHost(javafx.stage.Window owner, String address, HostCode code) {
                        askedAboutNewHost.add(address);
                        return realTrustDialogs ? real.trustNewHost(owner, address, code) : trustNewHost;
                    }

                    @Override
                    public boolean trustChangedHost(javafx.stage.Window owner, String address, HostCode pinned,
                                                    HostCode presented) {
                        warnedAboutChangedHost.add(address);
                        return realTrustDialogs ? real.trustChangedHost(owner, address, pinned, presented)
                                : trustChangedHost;
                    }

                    @Override
                    public java.io.File saveFile(javafx.stage.Window owner, javafx.stage.FileChooser chooser) {
                        return saveAs;
                    }

                    @Override
                    public List<java.io.File> openFiles(javafx.stage.Window owner, javafx.stage.FileChooser chooser) {
                        return openFiles;
                    }
                },
                owner -> (title, text) -> notifications.add(title + ": " + text), port -> List.of("192.0.2.7:" + port),
                DiscoveryConfig.defaults().withPort(discoveryPort), connectors, tls, guestCopy);
        tls.preload(background);
        shell = new AppShell(stage, services);
        shell.open(null);
        return shell;
    }

    private static int freeUdpPort() {
        try (var socket = new java.net.DatagramSocket(0)) {
            return socket.getLocalPort();
        } catch (java.net.SocketException e) {
            throw new IllegalStateException("no free UDP port", e);
        }
    }

    public ThemeService theme() {
        return theme;
    }

    public ChatViewModel chat() {
        return shell.chatViewModel();
    }

    /** Leaves any chat and stops background work; call on the FX thread. */
    public void close() {
        if (shell != null) {
            shell.shutdown();
        }
        background.shutdownNow();
    }
}
