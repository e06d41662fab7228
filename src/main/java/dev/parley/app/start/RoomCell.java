package dev.parley.app.start;

import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

import java.text.MessageFormat;
import java.util.ResourceBundle;

/** One room in "Rooms on your network": name, host and people, a lock, a trust mark; greyed with the reason when unreachable. */
final class RoomCell extends ListCell<RoomRow> {
    private static final PseudoClass UNREACHABLE = PseudoClass.getPseudoClass("unreachable");

    private final ResourceBundle bundle;
    private final Label name = new Label();
    private final Label detail = new Label();
    private final Label status = new Label();
    private final FontIcon lock = new FontIcon("fth-lock");
    private final FontIcon trusted = new FontIcon("fth-shield");
    private final HBox box;

    RoomCell(ResourceBundle bundle) {
        this.bundle = bundle;
        getStyleClass().add("room-cell");
        name.getStyleClass().add("room-name");
        detail.getStyleClass().add("room-detail");
        status.getStyleClass().add("room-status");
        lock.getStyleClass().add("room-lock");
        trusted.getStyleClass().add("room-trusted");
        Tooltip.install(lock, new Tooltip(bundle.getString("rooms.locked")));
        Tooltip.install(trusted, new Tooltip(bundle.getString("rooms.trusted")));
        var icon = new FontIcon("fth-message-circle");
        icon.getStyleClass().add("room-icon");
        var title = new HBox(6, name, lock, trusted);
        title.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        var text = new VBox(0, title, detail);
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        box = new HBox(10, icon, text, spacer, status);
        box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    }

    @Override
    protected void updateItem(RoomRow row, boolean empty) {
        super.updateItem(row, empty);
        if (empty || row == null) {
            setGraphic(null);
            setAccessibleText(null);
            pseudoClassStateChanged(UNREACHABLE, false);
            return;
        }
        name.setText(row.name());
        detail.setText(row.hostName() + " · " + row.people());
        status.setText(row.status());
        lock.setVisible(row.locked());
        lock.setManaged(row.locked());
        trusted.setVisible(row.trusted());
        trusted.setManaged(row.trusted());
        pseudoClassStateChanged(UNREACHABLE, !row.reachable());
        String more = row.status().isEmpty() ? row.people() : row.people() + ", " + row.status();
        setAccessibleText(MessageFormat.format(bundle.getString("rooms.a11y"), row.name(), row.hostName(), more));
        setGraphic(box);
    }
}
