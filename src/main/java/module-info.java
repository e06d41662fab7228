/**
 * Parley: a small self-hosted desktop chat.
 *
 * <p>{@code protocol}, {@code tls}, {@code server}, {@code client} and {@code files} are the core and never
 * touch JavaFX;
 * {@code app} is the desktop window built on top of the client library.
 */
module dev.parley {
    requires java.logging;
    requires tools.jackson.databind;
    requires info.picocli;
    requires javafx.controls;
    requires javafx.fxml;
    requires org.controlsfx.controls;
    requires org.kordamp.ikonli.javafx;
    requires org.kordamp.ikonli.feather;
    requires atlantafx.base;
    requires java.prefs;
    requires org.xerial.sqlitejdbc;
    requires tls.channel;
    // javax.imageio and Java 2D for the host's image previews (dev.parley.files, headless), and the
    // notification area for desktop notifications on Windows.
    requires java.desktop;
    // Desktop notifications: the freedesktop service over D-Bus (Linux).
    requires org.freedesktop.dbus;
    requires org.freedesktop.dbus.transport.jre;
    // sun.misc.Signal: Ctrl+C in a terminal ends the desktop app cleanly (AppShell.leaveOnSignal).
    requires jdk.unsupported;
    requires org.nibor.autolink;

    exports dev.parley.protocol;
    exports dev.parley.server;
    exports dev.parley.client;
    exports dev.parley.store;
    exports dev.parley.discovery;
    exports dev.parley.tls;

    opens dev.parley to info.picocli;
    opens dev.parley.protocol to tools.jackson.databind;
    opens dev.parley.app to javafx.fxml, javafx.graphics;
    opens dev.parley.app.start to javafx.fxml;
    opens dev.parley.app.chat to javafx.fxml;
    opens dev.parley.app.fx to javafx.fxml;
    // dbus-java makes proxies of the D-Bus interface and signals from the wire by reflection.
    exports dev.parley.app.notify to org.freedesktop.dbus;
    opens dev.parley.app.notify to org.freedesktop.dbus;
}
