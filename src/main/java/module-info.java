/**
 * Parley: a small self-hosted desktop chat.
 *
 * <p>{@code protocol}, {@code server} and {@code client} are the core and never touch JavaFX;
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
    requires org.nibor.autolink;

    exports dev.parley.protocol;
    exports dev.parley.server;
    exports dev.parley.client;

    opens dev.parley to info.picocli;
    opens dev.parley.protocol to tools.jackson.databind;
    opens dev.parley.app to javafx.fxml, javafx.graphics;
    opens dev.parley.app.start to javafx.fxml;
    opens dev.parley.app.chat to javafx.fxml;
    opens dev.parley.app.fx to javafx.fxml;
}
