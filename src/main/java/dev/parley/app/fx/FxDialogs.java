package dev.parley.app.fx;

import dev.parley.protocol.Version;
import dev.parley.app.AppServices;
import dev.parley.tls.HostCode;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

import java.text.MessageFormat;
import java.util.ResourceBundle;

/**
 * The app's dialogs, styled like the rest of it: the app's stylesheet and light or dark palette on
 * the dialog's scene (ThemeService), an Ikonli icon instead of JavaFX's stock one, the destructive
 * choice marked as such. Esc answers with the cancelling choice. FX thread only.
 */
public final class FxDialogs implements AppServices.Dialogs {
    private final ResourceBundle bundle;
    private final ThemeService theme;

    public FxDialogs(ResourceBundle bundle, ThemeService theme) {
        this.bundle = bundle;
        this.theme = theme;
    }

    @Override
    public boolean confirmEnd(Window owner, int guests) {
        Alert alert = confirmEndAlert(owner, guests);
        return alert.showAndWait().orElse(ButtonType.CANCEL).getButtonData() == ButtonBar.ButtonData.OK_DONE;
    }

    /** The "End the chat?" question, built but not shown. */
    Alert confirmEndAlert(Window owner, int guests) {
        ButtonType end = new ButtonType(bundle.getString("leave.end"), ButtonBar.ButtonData.OK_DONE);
        ButtonType keep = new ButtonType(bundle.getString("leave.keep"), ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, bundle.getString("leave.detail"), end, keep);
        alert.initOwner(owner);
        alert.setTitle(bundle.getString("leave.title"));
        alert.setHeaderText(new MessageFormat(bundle.getString("leave.question"), bundle.getLocale())
                .format(new Object[] {guests}));
        style(alert, Icons.LEAVE);
        DialogPane pane = alert.getDialogPane();
        pane.lookupButton(end).getStyleClass().add("danger");
        // Keeping the chat going is the safe answer, so Enter gives it, as Esc does.
        ((javafx.scene.control.Button) pane.lookupButton(end)).setDefaultButton(false);
        ((javafx.scene.control.Button) pane.lookupButton(keep)).setDefaultButton(true);
        return alert;
    }

    @Override
    public boolean trustNewHost(Window owner, String address, HostCode code) {
        Alert alert = trustNewHostAlert(owner, address, code);
        return alert.showAndWait().orElse(ButtonType.CANCEL).getButtonData() == ButtonBar.ButtonData.OK_DONE;
    }

    /**
     * "Is this the host you meant?": the first time this app meets a host key, before anything (the
     * password) is sent to it. Joining is the default answer: the code is what the person checks.
     */
    Alert trustNewHostAlert(Window owner, String address, HostCode code) {
        ButtonType join = new ButtonType(bundle.getString("trust.new.join"), ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType(bundle.getString("trust.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, null, join, cancel);
        alert.initOwner(owner);
        alert.setTitle(bundle.getString("trust.new.title"));
        alert.setHeaderText(bundle.getString("trust.new.question"));
        VBox content = new VBox(10,
                paragraph(format("trust.new.detail", address)),
                HostCodeView.of(code),
                paragraph(bundle.getString("trust.new.differs")));
        content.getStyleClass().add("trust-content");
        alert.getDialogPane().setContent(content);
        style(alert, Icons.TRUST);
        alert.getGraphic().getStyleClass().add("trust-icon");
        ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(join)).setDefaultButton(true);
        return alert;
    }

    @Override
    public boolean trustChangedHost(Window owner, String address, HostCode pinned, HostCode presented) {
        Alert alert = trustChangedHostAlert(owner, address, pinned, presented);
        return alert.showAndWait().orElse(ButtonType.CANCEL).getButtonData() == ButtonBar.ButtonData.OK_DONE;
    }

    /**
     * The host at a pinned address (or with a pinned room name) proves another key: both codes, Cancel
     * the default (Enter and Esc), trusting the new key the marked, deliberate choice.
     */
    Alert trustChangedHostAlert(Window owner, String address, HostCode pinned, HostCode presented) {
        ButtonType trust = new ButtonType(bundle.getString("trust.changed.trust"), ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType(bundle.getString("trust.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.WARNING, null, trust, cancel);
        alert.initOwner(owner);
        alert.setTitle(bundle.getString("trust.changed.title"));
        alert.setHeaderText(bundle.getString("trust.changed.header"));
        Label before = new Label(bundle.getString("trust.changed.before"));
        before.getStyleClass().add("host-code-title");
        Label now = new Label(bundle.getString("trust.changed.now"));
        now.getStyleClass().add("host-code-title");
        VBox content = new VBox(8,
                paragraph(format("trust.changed.detail", address)),
                before, HostCodeView.of(pinned),
                now, HostCodeView.of(presented),
                paragraph(bundle.getString("trust.changed.advice")));
        content.getStyleClass().add("trust-content");
        alert.getDialogPane().setContent(content);
        style(alert, Icons.WARNING);
        DialogPane pane = alert.getDialogPane();
        pane.lookupButton(trust).getStyleClass().add("danger");
        ((javafx.scene.control.Button) pane.lookupButton(trust)).setDefaultButton(false);
        ((javafx.scene.control.Button) pane.lookupButton(cancel)).setDefaultButton(true);
        return alert;
    }

    private static Label paragraph(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        label.setMaxWidth(440);
        return label;
    }

    private String format(String key, Object... args) {
        return new MessageFormat(bundle.getString(key), bundle.getLocale()).format(args);
    }

    @Override
    public void about(Window owner) {
        aboutAlert(owner).showAndWait();
    }

    Alert aboutAlert(Window owner) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, bundle.getString("about.detail"), ButtonType.OK);
        alert.initOwner(owner);
        alert.setTitle(bundle.getString("about.title"));
        alert.setHeaderText(MessageFormat.format(bundle.getString("about.header"), Version.get()));
        style(alert, null);
        alert.setGraphic(new ImageView(new Image(FxDialogs.class.getResource(AppIcons.LARGE).toExternalForm())));
        return alert;
    }

    private void style(Alert alert, Ikon icon) {
        DialogPane pane = alert.getDialogPane();
        theme.attach(pane.getScene());
        pane.getStyleClass().add("parley-dialog");
        if (icon != null) {
            FontIcon graphic = new FontIcon(icon);
            graphic.getStyleClass().add("dialog-icon");
            alert.setGraphic(graphic);
        }
    }
}
