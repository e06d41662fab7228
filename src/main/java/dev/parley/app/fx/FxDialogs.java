package dev.parley.app.fx;

import dev.parley.protocol.Version;
import dev.parley.app.AppServices;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.stage.Window;

import java.text.MessageFormat;
import java.util.ResourceBundle;

/** The app's dialogs as JavaFX alerts. */
public final class FxDialogs implements AppServices.Dialogs {
    private final ResourceBundle bundle;

    public FxDialogs(ResourceBundle bundle) {
        this.bundle = bundle;
    }

    @Override
    public boolean confirmEnd(Window owner, int guests) {
        ButtonType end = new ButtonType(bundle.getString("leave.end"), ButtonBar.ButtonData.OK_DONE);
        ButtonType keep = new ButtonType(bundle.getString("leave.keep"), ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, bundle.getString("leave.detail"), end, keep);
        alert.initOwner(owner);
        alert.setTitle(bundle.getString("leave.title"));
        alert.setHeaderText(new MessageFormat(bundle.getString("leave.question"), bundle.getLocale())
                .format(new Object[] {guests}));
        return alert.showAndWait().orElse(keep) == end;
    }

    @Override
    public void about(Window owner) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, bundle.getString("about.detail"), ButtonType.OK);
        alert.initOwner(owner);
        alert.setTitle(bundle.getString("about.title"));
        alert.setHeaderText(MessageFormat.format(bundle.getString("about.header"), Version.get()));
        alert.setGraphic(new ImageView(new Image(FxDialogs.class.getResource(AppIcons.LARGE).toExternalForm())));
        alert.showAndWait();
    }
}
