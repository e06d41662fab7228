package dev.parley.app.chat;

import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

import java.text.MessageFormat;

/**
 * A person in the side panel: avatar, name, "(you)" and host markers. A long name gives way with an
 * ellipsis (its tooltip has it whole); the markers always show, and the row never outgrows the list.
 */
final class PersonCell extends ListCell<Person> {
    private final ChatFormats formats;
    private final Label avatar = new Label();
    private final Label name = new Label();
    private final Label youMark = new Label();
    private final Label badge = new Label();
    private final HBox row = new HBox(6, avatar, name, youMark, badge);
    private final Tooltip fullName = new Tooltip();

    PersonCell(ChatFormats formats) {
        this.formats = formats;
        getStyleClass().add("person-cell");
        // A zero preferred width keeps a long name from widening the list (and bringing a sideways
        // scroll bar); the list gives every cell its own width.
        setPrefWidth(0);
        avatar.getStyleClass().addAll("avatar", "small");
        avatar.setMinSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        name.getStyleClass().add("person-name");
        name.setTextOverrun(OverrunStyle.ELLIPSIS);
        name.setEllipsisString("…");
        name.setMinWidth(0);
        youMark.getStyleClass().add("you-mark");
        youMark.setText(formats.text("chat.people.youMark"));
        youMark.setMinWidth(Region.USE_PREF_SIZE);
        badge.getStyleClass().add("host-badge");
        badge.setText(formats.text("chat.hostBadge"));
        badge.setMinWidth(Region.USE_PREF_SIZE);
        row.setAlignment(Pos.CENTER_LEFT);
        row.setMinWidth(0);
    }

    @Override
    protected void updateItem(Person p, boolean empty) {
        super.updateItem(p, empty);
        for (PseudoClass pc : Avatars.all()) {
            pseudoClassStateChanged(pc, false);
        }
        if (empty || p == null) {
            setGraphic(null);
            setTooltip(null);
            setAccessibleText(null);
            return;
        }
        pseudoClassStateChanged(Avatars.pseudoClass(p.colour()), true);
        avatar.setText(Avatars.initials(p.nick()));
        name.setText(p.nick());
        show(youMark, p.you());
        show(badge, p.host());
        setGraphic(row);
        String spoken = (p.you() ? MessageFormat.format(formats.text("chat.people.you"), p.nick()) : p.nick())
                + (p.host() ? ", " + formats.text("chat.hostBadge") : "");
        fullName.setText(spoken);
        setTooltip(fullName);
        setAccessibleText(spoken);
    }

    private static void show(Label label, boolean shown) {
        label.setVisible(shown);
        label.setManaged(shown);
    }
}
