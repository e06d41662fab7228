package dev.parley.app.fx;

import dev.parley.protocol.Version;
import dev.parley.app.AppServices;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
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
