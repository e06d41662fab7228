package dev.parley.app;

import dev.parley.app.chat.LanAddresses;
import dev.parley.app.fx.DesktopNotifier;
import dev.parley.app.fx.FxDialogs;
import dev.parley.app.fx.ThemeService;
import dev.parley.app.fx.ViewLoader;
import dev.parley.app.settings.PreferencesStore;
import dev.parley.app.settings.Settings;
import dev.parley.app.settings.SnapshotStore;
import dev.parley.app.start.ConnectRequest;
import dev.parley.app.start.HostAddress;
import dev.parley.client.HostTrust;
import dev.parley.discovery.DiscoveryConfig;
import dev.parley.tls.DataFolder;
import dev.parley.tls.HostKey;
import dev.parley.tls.TrustSource;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.time.Clock;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The desktop application and its composition root: builds the services once and hands them to
 * the window. Named parameters ({@code --mode=host|join}, {@code --name}, {@code --room},
 * {@code --port}, {@code --address}, {@code --trust-host-key}) skip the start screen's form.
 */
public final class ParleyApp extends Application {
    /** Longest the exiting app waits for a hosted room to say goodbye to its guests. */
    private static final java.time.Duration CLOSE_WAIT = java.time.Duration.ofSeconds(3);

    private ExecutorService background;
    private AppShell shell;
    private DesktopNotifier notifier;
    private Settings settings;
    private GuestCopy copy;

    @Override
    public void start(Stage stage) {
        ResourceBundle bundle = ResourceBundle.getBundle("dev.parley.app.messages");
        settings = new Settings(new SnapshotStore(PreferencesStore.forUser()));
        background = Executors.newVirtualThreadPerTaskExecutor();
        notifier = new DesktopNotifier(DesktopNotifier.forThisSystem(), settings, Platform::runLater);
        // One shutdown hook for the whole app, whatever it hosts over its life.
        var rooms = new HostedRooms(Runtime.getRuntime()::addShutdownHook);
        // Hosted rooms keep their history, and joined ones a copy, in the per-user data folder.
        var data = DataFolder.standard();
        copy = GuestCopy.in(data, background);
        var theme = new ThemeService(settings);
        // The host key and the trusted hosts live in the per-user data folder; the trust store is read
        // now, off the FX thread, so the rooms list can mark trusted hosts from the start.
        var tls = new TlsState(data);
        tls.preload(background);
        var services = new AppServices(settings, theme, new ViewLoader(bundle),
                Clock.systemDefaultZone(), background, Platform::runLater,
                url -> getHostServices().showDocument(url), new FxDialogs(bundle, theme),
                notifier::forWindow,
                LanAddresses::withPort, DiscoveryConfig.defaults(), Connectors.network(rooms, tls), tls, copy);
        shell = new AppShell(stage, services);
        shell.leaveOnSignal();
        shell.open(request(getParameters().getNamed(), bundle));
    }

    @Override
    public void stop() {
        if (shell != null) {
            shell.shutdown();
            // The window is gone; waiting here only keeps the process alive until guests hear "bye".
            shell.awaitEnded(CLOSE_WAIT);
        }
        if (copy != null) {
            copy.close();
        }
        if (background != null) {
            background.shutdownNow();
        }
        if (notifier != null) {
            notifier.close();
        }
        if (settings != null) {
            settings.save();
        }
    }

    /** The connect request the command line asked for, or {@code null} to show the form. */
    static ConnectRequest request(Map<String, String> named, ResourceBundle bundle) {
        String mode = named.get("mode");
        String name = named.get("name");
        if (mode == null || name == null) {
            return null;
        }
        if (mode.equals("host")) {
            int port = HostAddress.parsePort(named.getOrDefault("port", "7770"));
            String room = named.getOrDefault("room",
                    java.text.MessageFormat.format(bundle.getString("start.room.ofName"), name.strip()));
            return ConnectRequest.host(name, room, port < 0 ? 7770 : port, named.get("password"));
        }
        HostAddress.Parsed address = HostAddress.parse(named.get("address"));
        if (address.address() == null) {
            return null;
        }
        // A key given on the command line (join --trust-host-key) or in an invite line is trusted without asking.
        String key = named.get("trust-host-key");
        HostTrust trust = key != null ? HostTrust.expect(HostKey.parse(key), TrustSource.COMMAND_LINE)
                : address.hostKey() != null ? HostTrust.expect(HostKey.parse(address.hostKey()), TrustSource.INVITE)
                : HostTrust.stored();
        return ConnectRequest.join(address.address(), name, named.get("password"), trust);
    }
}
