package dev.parley.app;

import dev.parley.app.chat.Notifier;
import dev.parley.app.fx.ThemeService;
import dev.parley.app.fx.ViewLoader;
import dev.parley.app.settings.Settings;
import dev.parley.discovery.DiscoveryConfig;
import dev.parley.tls.HostCode;
import javafx.stage.Window;

import java.time.Clock;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Everything the windows need from outside, built once by the composition root ({@link ParleyApp})
 * or by a test, and handed down through constructors.
 *
 * @param background   runs connect attempts; never the FX thread
 * @param fxExecutor   runs work on the FX thread ({@code Platform::runLater})
 * @param browser      opens a link in the person's browser
 * @param notifiers    makes the desktop notifier for a window
 * @param lanAddresses where guests can reach a host on the given port
 * @param discovery    where rooms are announced and listened for on the local network
 * @param connectors   starts rooms and joins them (with their transport settings)
 * @param tls          the host identity and trust store ({@link TlsState}; the rooms list marks trusted hosts)
 * @param guestCopy    what the app keeps of rooms it joins as a guest
 */
public record AppServices(Settings settings, ThemeService theme, ViewLoader views, Clock clock,
                          Executor background, Executor fxExecutor, Consumer<String> browser, Dialogs dialogs,
                          Function<Window, Notifier> notifiers, IntFunction<List<String>> lanAddresses,
                          DiscoveryConfig discovery, Connectors connectors, TlsState tls, GuestCopy guestCopy) {

    public ResourceBundle bundle() {
        return views.bundle();
    }

    /** Questions the app asks the person in a dialog. FX thread. */
    public interface Dialogs {
        /** Whether to end the chat for {@code guests} people; {@code false} keeps it going. */
        boolean confirmEnd(Window owner, int guests);

        /** Shows what this app is: name, version, licence. */
        void about(Window owner);

        /**
         * "Is this the host you meant?" with the code of a host key this app meets for the first time;
         * {@code true} joins (and remembers the key), {@code false} sends nothing.
         */
        boolean trustNewHost(Window owner, String address, HostCode code);

        /**
         * The warning that the host at {@code address} proves another key than the one trusted before,
         * with both codes; {@code true} only when the person chose to trust the new key.
         */
        boolean trustChangedHost(Window owner, String address, HostCode pinned, HostCode presented);

        /** Asks which files to send (the attach button); {@code null} or empty when the person cancels. */
        default java.util.List<java.io.File> openFiles(Window owner, javafx.stage.FileChooser chooser) {
            return chooser.showOpenMultipleDialog(owner);
        }

        /** Asks where to save a file (the export, a shared file's Save…); {@code null} when the person cancels. */
        default java.io.File saveFile(Window owner, javafx.stage.FileChooser chooser) {
            return chooser.showSaveDialog(owner);
        }
    }
}
