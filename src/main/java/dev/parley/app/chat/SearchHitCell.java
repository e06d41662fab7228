package dev.parley.app.chat;

import dev.parley.protocol.Frame;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

import java.util.ArrayList;
import java.util.List;

/**
 * One search hit: the sender and the time on a line, and the message's text with the matched words
 * highlighted. A long text is cut around its first match so the match shows. Nodes built once per
 * cell; FX thread only.
 */
final class SearchHitCell extends ListCell<SearchViewModel.Hit> {
    /** Characters of text shown at most. */
    static final int SHOWN = 160;

    private final ChatFormats formats;
    private final Label sender = new Label();
    private final Label time = new Label();
    private final TextFlow text = new TextFlow();
    private final VBox box = new VBox(2);

    SearchHitCell(ChatFormats formats) {
        this.formats = formats;
        getStyleClass().add("search-hit");
        sender.getStyleClass().add("search-hit-sender");
        time.getStyleClass().add("search-hit-time");
        text.getStyleClass().add("search-hit-text");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        box.getChildren().addAll(new HBox(6, sender, spacer, time), text);
        setPrefWidth(0);
    }

    @Override
    protected void updateItem(SearchViewModel.Hit hit, boolean empty) {
        super.updateItem(hit, empty);
        setText(null);
        if (empty || hit == null) {
            setGraphic(null);
            setAccessibleText(null);
            return;
        }
        sender.setText(hit.sender());
        time.setText(formats.full(hit.time()));
        text.getChildren().setAll(segments(hit.text(), hit.matches()));
        setGraphic(box);
        setAccessibleText(hit.sender() + ", " + time.getText() + ": " + hit.text());
    }

    /** The shown part of the text as plain and highlighted pieces. */
    static List<Text> segments(String full, List<Frame.Range> matches) {
        int from = 0;
        if (full.length() > SHOWN && !matches.isEmpty()) {
            from = Math.max(0, Math.min(matches.getFirst().start() - 40, full.length() - SHOWN));
        }
        if (from > 0 && Character.isLowSurrogate(full.charAt(from))) {
            from--;
        }
        int to = Math.min(full.length(), from + SHOWN);
        if (to < full.length() && Character.isLowSurrogate(full.charAt(to))) {
            to++;
        }
        List<Text> pieces = new ArrayList<>();
        if (from > 0) {
            pieces.add(plain("…"));
        }
        int at = from;
        for (Frame.Range r : matches) {
            int start = Math.max(r.start(), at);
            int end = Math.min(r.end(), to);
            if (start >= end || start >= to) {
                continue;
            }
            if (start > at) {
                pieces.add(plain(full.substring(at, start)));
            }
            Text match = new Text(shown(full.substring(start, end)));
            match.getStyleClass().add("search-match");
            pieces.add(match);
            at = end;
        }
        if (at < to) {
            pieces.add(plain(full.substring(at, to)));
        }
        if (to < full.length()) {
            pieces.add(plain("…"));
        }
        return pieces;
    }

    private static Text plain(String s) {
        Text t = new Text(shown(s));
        t.getStyleClass().add("search-plain");
        return t;
    }

    /**
     * A one-line, harmless rendering of a snippet: line breaks become spaces, control and format
     * characters (bidi overrides, invisible ones) a replacement mark, so a hit cannot reorder the list.
     */
    static String shown(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (cp == '\n' || cp == '\r' || cp == '\t') {
                b.append(' ');
            } else if (Character.isISOControl(cp) || (Character.getType(cp) == Character.FORMAT && cp != 0x200D)) {
                b.append('\uFFFD');
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }
}
