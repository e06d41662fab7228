package dev.parley.app.chat;

import dev.parley.app.chat.ChatItem.Delivery;
import dev.parley.app.chat.ChatItem.Message;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import dev.parley.app.fx.Icons;
import dev.parley.app.emoji.EmojiData;
import dev.parley.app.emoji.EmojiImages;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.List;
import java.util.function.Consumer;

/**
 * One row of the chat: a bubble, a system line or a day separator. The nodes are built once per
 * cell; {@link #updateItem} fills them in and switches the look with pseudo-classes.
 *
 * <p>The popups are shared by all the cells of a list and built when first needed: the time's
 * full-date tooltip, the delivery state's tooltip, the name and presence tooltips and the row menu
 * (Copy text, Copy link). They read the row they are for when they show. Building them per cell made the first layout of a busy chat, which creates
 * every visible cell at once, noticeably slower.
 */
public final class MessageCell extends ListCell<ChatItem> {
    /** Share of the list's width a bubble may take. */
    static final double BUBBLE_SHARE = 0.6;

    private static final PseudoClass OUTGOING = PseudoClass.getPseudoClass("outgoing");
    private static final PseudoClass INCOMING = PseudoClass.getPseudoClass("incoming");
    private static final PseudoClass SYSTEM = PseudoClass.getPseudoClass("system");
    private static final PseudoClass DAY = PseudoClass.getPseudoClass("day");
    private static final PseudoClass RUN_FIRST = PseudoClass.getPseudoClass("run-first");
    private static final PseudoClass RUN_LAST = PseudoClass.getPseudoClass("run-last");
    private static final PseudoClass SENDING = PseudoClass.getPseudoClass("sending");
    private static final PseudoClass DELIVERED = PseudoClass.getPseudoClass("delivered");
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    private static final PseudoClass HOST = PseudoClass.getPseudoClass("host");
    private static final PseudoClass GAP = PseudoClass.getPseudoClass("gap");
    private static final PseudoClass FOUND = PseudoClass.getPseudoClass("found");
    private static final PseudoClass FILE = PseudoClass.getPseudoClass("file");
    /** The list property naming the row a jump to a search hit landed on (its key). */
    static final String FOUND_KEY = "parley.found";
    /** Every look a row may have switched on; each update starts from none. */
    private static final PseudoClass[] LOOKS = {OUTGOING, INCOMING, SYSTEM, DAY, RUN_FIRST, RUN_LAST, SENDING,
            DELIVERED, FAILED, HOST, GAP, FOUND, FILE};
    private static final PseudoClass[] PERSONS = Avatars.all();

    private final ChatFormats formats;
    private final Consumer<Message> retry;

    private final HBox messageRow = new HBox();
    private final Label avatar = new Label();
    private final VBox bubble = new VBox();
    private final HBox nameLine = new HBox();
    private final Label sender = new Label();
    private final Label hostBadge = new Label();
    private final MessageBody body;
    private final HBox meta = new HBox();
    private final Label time = new Label();
    private final FontIcon stateIcon = new FontIcon();
    private final Hyperlink retryLink = new Hyperlink();
    private final HBox infoRow = new HBox();
    private final Label info = new Label();
    private final HBox dayRow = new HBox();
    private final Label day = new Label();
    private final Popups popups;
    /** A file row's content, made on the cell's first file row (app/files). */
    private dev.parley.app.files.FileBubble fileBubble;

    public MessageCell(ListView<ChatItem> list, ChatFormats formats, Consumer<String> browser, Consumer<Message> retry) {
        this(list, formats, browser, retry, () -> { });
    }

    /** @param gapClicked loads the events a {@link ChatItem.InfoKind#GAP} row stands for, when it is clicked */
    public MessageCell(ListView<ChatItem> list, ChatFormats formats, Consumer<String> browser, Consumer<Message> retry,
                       Runnable gapClicked) {
        this.popups = (Popups) list.getProperties().computeIfAbsent(Popups.class, k -> new Popups(formats));
        this.formats = formats;
        this.retry = retry;
        EmojiImages emoji = (EmojiImages) list.getProperties()
                .computeIfAbsent(EmojiImages.class, k -> new EmojiImages(EmojiData.get()));
        this.body = new MessageBody(formats.text("chat.body.unshowable"), browser, emoji);
        getStyleClass().add("message-cell");
        // A zero preferred width keeps cells from widening the list; the list gives them its width.
        setPrefWidth(0);
        // Whatever a row draws stays in the row: stacked combining marks cannot smear over others.
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);

        avatar.getStyleClass().add("avatar");
        avatar.setMinSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        sender.getStyleClass().add("sender");
        hostBadge.getStyleClass().add("host-badge");
        hostBadge.setText(formats.text("chat.hostBadge"));
        // A long name gives way with an ellipsis (its tooltip has it whole); the host badge always shows.
        sender.setMinWidth(0);
        sender.setTextOverrun(javafx.scene.control.OverrunStyle.ELLIPSIS);
        sender.setEllipsisString("…");
        sender.setTooltip(popups.nameTip());
        hostBadge.setMinWidth(Region.USE_PREF_SIZE);
        nameLine.getStyleClass().add("name-line");
        nameLine.getChildren().addAll(sender, hostBadge);
        time.getStyleClass().add("time");
        time.setTooltip(popups.timeTip());
        stateIcon.getStyleClass().add("state-icon");
        Tooltip.install(stateIcon, popups.stateTip());
        retryLink.getStyleClass().add("retry");
        retryLink.setText(formats.text("chat.retry"));
        retryLink.setOnAction(e -> {
            if (getItem() instanceof Message m) {
                retry.accept(m);
            }
        });
        Region metaSpacer = new Region();
        HBox.setHgrow(metaSpacer, Priority.ALWAYS);
        meta.getStyleClass().add("meta");
        meta.setAlignment(Pos.CENTER_RIGHT);
        meta.getChildren().addAll(metaSpacer, retryLink, time, stateIcon);
        bubble.getStyleClass().add("bubble");
        bubble.getChildren().addAll(nameLine, body.node(), meta);
        bubble.maxWidthProperty().bind(list.widthProperty().multiply(BUBBLE_SHARE));
        messageRow.getStyleClass().add("message-row");
        messageRow.getChildren().addAll(avatar, bubble);

        info.getStyleClass().add("info");
        info.setWrapText(true);
        // A summed-up run of joins and leaves lists everyone in its tooltip.
        info.setTooltip(popups.infoTip());
        infoRow.getStyleClass().add("info-row");
        infoRow.setAlignment(Pos.CENTER);
        infoRow.getChildren().add(info);
        infoRow.setOnMouseClicked(e -> {
            if (getItem() instanceof ChatItem.Info i && i.kind() == ChatItem.InfoKind.GAP) {
                gapClicked.run();
            }
        });
        day.getStyleClass().add("day-label");
        dayRow.getStyleClass().add("day-row");
        dayRow.setAlignment(Pos.CENTER);
        dayRow.getChildren().add(day);

        // The Copy menu is set on first request, and only rows with text to copy have one.
        addEventFilter(ContextMenuEvent.CONTEXT_MENU_REQUESTED, e -> {
            if (getItem() instanceof Message || getItem() instanceof ChatItem.Info) {
                popups.menuFor(this);
                if (getContextMenu() == null) {
                    setContextMenu(popups.menu());
                }
            } else {
                e.consume();
            }
        });
    }

    @Override
    protected void updateItem(ChatItem item, boolean empty) {
        super.updateItem(item, empty);
        for (PseudoClass pc : LOOKS) {
            pseudoClassStateChanged(pc, false);
        }
        for (PseudoClass pc : PERSONS) {
            pseudoClassStateChanged(pc, false);
        }
        setText(null);
        if (empty || item == null) {
            // Hide the row rather than remove it: a graphic put back into the scene has all its CSS
            // worked out anew, and the list empties and refills its measuring cell for every row it sizes.
            if (getGraphic() != null) {
                show(getGraphic(), false);
            }
            if (fileBubble != null) {
                fileBubble.show(null, null); // stops following the file it showed
            }
            setAccessibleText(null);
            return;
        }
        switch (item) {
            case Message m -> showMessage(m);
            case ChatItem.File f -> showFile(f);
            case ChatItem.Info i -> {
                pseudoClassStateChanged(SYSTEM, true);
                pseudoClassStateChanged(GAP, i.kind() == ChatItem.InfoKind.GAP);
                info.setText(i.text());
                showRow(infoRow);
                // A summed-up run of joins and leaves: a screen reader hears each, as its tooltip shows.
                setAccessibleText(i.details().isEmpty() ? i.text() : String.join(". ", i.details()));
            }
            case ChatItem.Day d -> {
                pseudoClassStateChanged(DAY, true);
                day.setText(formats.day(d.date()));
                showRow(dayRow);
                setAccessibleText(day.getText());
            }
        }
    }

    /** Makes {@code row} the cell's graphic; shown (and managed) first, or the skin would leave it out. */
    private void showRow(Node row) {
        show(row, true);
        setGraphic(row);
    }

    private void showMessage(Message m) {
        pseudoClassStateChanged(m.outgoing() ? OUTGOING : INCOMING, true);
        pseudoClassStateChanged(FOUND, getListView() != null && m.key().equals(getListView().getProperties().get(FOUND_KEY)));
        pseudoClassStateChanged(RUN_FIRST, m.runFirst());
        pseudoClassStateChanged(RUN_LAST, m.runLast());
        pseudoClassStateChanged(HOST, m.host());
        pseudoClassStateChanged(Avatars.pseudoClass(m.colour()), true);
        messageRow.setAlignment(m.outgoing() ? Pos.BOTTOM_RIGHT : Pos.BOTTOM_LEFT);

        boolean incoming = !m.outgoing();
        show(avatar, incoming);
        avatar.setVisible(incoming && m.runLast());
        avatar.setText(Avatars.initials(m.sender()));
        show(nameLine, incoming && m.runFirst());
        sender.setText(m.sender());
        show(hostBadge, m.host());

        show(body.node(), true);
        if (fileBubble != null) {
            show(fileBubble.node(), false);
            fileBubble.show(null, null);
        }
        body.fill(m.text());
        time.setText(formats.time(m.time()));

        show(stateIcon, m.outgoing());
        show(retryLink, m.outgoing() && m.delivery() == Delivery.FAILED);
        if (m.outgoing()) {
            pseudoClassStateChanged(switch (m.delivery()) {
                case SENDING -> SENDING;
                case DELIVERED -> DELIVERED;
                case FAILED -> FAILED;
            }, true);
            stateIcon.setIconCode(switch (m.delivery()) {
                case SENDING -> Icons.SENDING;
                case DELIVERED -> Icons.DELIVERED;
                case FAILED -> Icons.FAILED;
            });
        }
        showRow(messageRow);
        setAccessibleText(formats.spoken(m, formats.text("chat.a11y.you")));
    }

    /** A file's bubble: the message looks (side, name, avatar, time), with the file where the text would be. */
    private void showFile(ChatItem.File f) {
        pseudoClassStateChanged(FILE, true);
        pseudoClassStateChanged(f.outgoing() ? OUTGOING : INCOMING, true);
        pseudoClassStateChanged(RUN_FIRST, true);
        pseudoClassStateChanged(RUN_LAST, true);
        pseudoClassStateChanged(HOST, f.host());
        pseudoClassStateChanged(Avatars.pseudoClass(f.colour()), true);
        messageRow.setAlignment(f.outgoing() ? Pos.BOTTOM_RIGHT : Pos.BOTTOM_LEFT);
        boolean incoming = !f.outgoing();
        show(avatar, incoming);
        avatar.setVisible(incoming);
        avatar.setText(Avatars.initials(f.sender()));
        show(nameLine, incoming);
        sender.setText(f.sender());
        show(hostBadge, f.host());
        if (fileBubble == null) {
            fileBubble = new dev.parley.app.files.FileBubble(formats.bundle());
            bubble.getChildren().add(1, fileBubble.node());
        }
        show(body.node(), false);
        show(fileBubble.node(), true);
        fileBubble.show(f.entry(), getListView() == null ? null
                : (dev.parley.app.files.FileActions) getListView().getProperties().get(dev.parley.app.files.FileActions.class));
        time.setText(formats.time(f.time()));
        show(stateIcon, false);
        show(retryLink, false);
        showRow(messageRow);
        setAccessibleText(java.text.MessageFormat.format(formats.text("files.a11y"),
                f.outgoing() ? formats.text("chat.a11y.you") : f.sender(), f.entry().name(),
                dev.parley.protocol.FileSizes.format(f.entry().size())));
    }

    /** What the delivery state's tooltip says for this message. */
    private static String stateText(ChatFormats formats, Message m) {
        return switch (m.delivery()) {
            case SENDING -> formats.text("chat.delivery.sending");
            case DELIVERED -> formats.text("chat.delivery.delivered");
            case FAILED -> m.failure() == null ? formats.text("chat.delivery.failed") : m.failure();
        };
    }

    /** The cell a popup's owner node belongs to, if any. */
    private static MessageCell cellOf(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n instanceof MessageCell cell) {
                return cell;
            }
        }
        return null;
    }

    /**
     * The popups of one list's cells. The tooltips are installed on every cell's time and state
     * icon, but they are plain objects until shown; the menu is built on the first right-click.
     */
    private static final class Popups {
        private final ChatFormats formats;
        private Tooltip timeTip;
        private Tooltip stateTip;
        private Tooltip nameTip;
        private Tooltip infoTip;
        private ContextMenu menu;
        private MenuItem copyLink;
        /** The row the menu was last opened on. */
        private MessageCell target;

        Popups(ChatFormats formats) {
            this.formats = formats;
        }

        Tooltip timeTip() {
            if (timeTip == null) {
                // A message delivered later than it was sent (after a reconnect) says both.
                timeTip = tip(m -> m.sentAt() == null ? formats.full(m.time())
                        : java.text.MessageFormat.format(formats.text("chat.time.sentDelivered"),
                                formats.time(m.sentAt()), formats.time(m.time()), formats.full(m.time())));
            }
            return timeTip;
        }

        Tooltip infoTip() {
            if (infoTip == null) {
                Tooltip tip = new Tooltip();
                tip.setOnShowing(e -> tip.setText(cellOf(tip.getOwnerNode()) instanceof MessageCell cell
                        && cell.getItem() instanceof ChatItem.Info i
                        ? (i.details().isEmpty() ? i.text() : String.join("\n", i.details())) : ""));
                infoTip = tip;
            }
            return infoTip;
        }

        Tooltip nameTip() {
            if (nameTip == null) {
                nameTip = tip(Message::sender);
            }
            return nameTip;
        }

        Tooltip stateTip() {
            if (stateTip == null) {
                stateTip = tip(m -> stateText(formats, m));
            }
            return stateTip;
        }

        private static Tooltip tip(java.util.function.Function<Message, String> text) {
            Tooltip tip = new Tooltip();
            tip.setOnShowing(e -> {
                MessageCell cell = cellOf(tip.getOwnerNode());
                tip.setText(cell != null && cell.getItem() instanceof Message m ? text.apply(m) : "");
            });
            return tip;
        }

        ContextMenu menu() {
            if (menu == null) {
                ContextMenu built = new ContextMenu();
                MenuItem copy = new MenuItem(formats.text("chat.copy"), new FontIcon(Icons.COPY));
                copy.setOnAction(e -> {
                    if (target != null) {
                        target.copyText();
                    }
                });
                copyLink = new MenuItem(formats.text("chat.copyLink"), new FontIcon(Icons.LINK));
                copyLink.setOnAction(e -> {
                    if (target != null && firstLink(target.getItem()) instanceof String url) {
                        putOnClipboard(url);
                    }
                });
                // Reply, React, Edit and Delete join these once the chat has them (a later issue);
                // no item is shown before it works.
                built.getItems().addAll(copy, copyLink);
                menu = built;
            }
            return menu;
        }

        /** Makes the menu about {@code cell}'s row; called just before it shows. */
        void menuFor(MessageCell cell) {
            menu();
            target = cell;
            copyLink.setVisible(firstLink(cell.getItem()) != null);
        }

        private static String firstLink(ChatItem item) {
            if (item instanceof Message m) {
                for (Links.Part part : Links.split(m.text())) {
                    if (part.url() != null) {
                        return part.url();
                    }
                }
            }
            return null;
        }
    }

    private void copyText() {
        String text = switch (getItem()) {
            case Message m -> m.text();
            case ChatItem.Info i -> i.text();
            case null, default -> null;
        };
        if (text != null) {
            putOnClipboard(text);
        }
    }

    private static void putOnClipboard(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    private static void show(Node node, boolean shown) {
        node.setVisible(shown);
        node.setManaged(shown);
    }
}
