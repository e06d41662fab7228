package dev.parley.app.chat;

import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

import java.text.MessageFormat;

/** A person in the side panel: avatar, name, host or you marker. */
final class PersonCell extends ListCell<Person> {
    private final ChatFormats formats;
    private final Label avatar = new Label();
    private final Label name = new Label();
    private final Label badge = new Label();
    private final HBox row = new HBox(8, avatar, name, badge);

    PersonCell(ChatFormats formats) {
        this.formats = formats;
        getStyleClass().add("person-cell");
        avatar.getStyleClass().addAll("avatar", "small");
        avatar.setMinSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        name.getStyleClass().add("person-name");
        badge.getStyleClass().add("host-badge");
        row.setAlignment(Pos.CENTER_LEFT);
    }

    @Override
    protected void updateItem(Person p, boolean empty) {
        super.updateItem(p, empty);
        for (PseudoClass pc : Avatars.all()) {
            pseudoClassStateChanged(pc, false);
        }
        if (empty || p == null) {
            setGraphic(null);
            setAccessibleText(null);
            return;
        }
        pseudoClassStateChanged(Avatars.pseudoClass(p.colour()), true);
        avatar.setText(Avatars.initials(p.nick()));
        name.setText(p.you() ? MessageFormat.format(formats.text("chat.people.you"), p.nick()) : p.nick());
        badge.setText(p.host() ? formats.text("chat.hostBadge") : "");
        badge.setVisible(p.host());
        setGraphic(row);
        setAccessibleText(name.getText() + (p.host() ? ", " + formats.text("chat.hostBadge") : ""));
    }
}
