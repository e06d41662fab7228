package dev.parley.app.chat;

import dev.parley.protocol.Limits;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;

/**
 * What the composer says about the draft's length: the counter once it nears the limit, and past
 * the limit a sentence offering to send it as several messages (cut by {@link MessageSplitter}).
 * Part of the chat's view model; FX thread only.
 */
final class DraftLength {
    /** The counter under the composer appears this close to the limit. */
    static final int COUNTER_FROM = Limits.MAX_TEXT - 500;

    private final ResourceBundle bundle;
    private final MessageSplitter splitter;
    private final ReadOnlyStringWrapper counterText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper overLimit = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper splitText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper splitAction = new ReadOnlyStringWrapper("");
    private List<String> parts = List.of();

    DraftLength(ResourceBundle bundle) {
        this.bundle = bundle;
        this.splitter = new MessageSplitter(Limits.MAX_TEXT, bundle.getLocale());
    }

    /** Takes in the draft as it is now. */
    void update(String text) {
        int length = text.codePointCount(0, text.length());
        overLimit.set(length > Limits.MAX_TEXT);
        parts = length > Limits.MAX_TEXT ? splitter.split(text) : List.of();
        splitText.set(parts.size() < 2 ? "" : format("chat.split.text", Limits.MAX_TEXT, parts.size()));
        splitAction.set(parts.size() < 2 ? "" : format("chat.split.action", parts.size()));
        counterText.set(length >= COUNTER_FROM ? format("chat.counter", length, Limits.MAX_TEXT) : "");
    }

    /** The messages an over-long draft would go as; empty when it fits in one. */
    List<String> parts() {
        return parts;
    }

    ReadOnlyStringProperty counterTextProperty() {
        return counterText.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty overLimitProperty() {
        return overLimit.getReadOnlyProperty();
    }

    ReadOnlyStringProperty splitTextProperty() {
        return splitText.getReadOnlyProperty();
    }

    ReadOnlyStringProperty splitActionProperty() {
        return splitAction.getReadOnlyProperty();
    }

    private String format(String key, Object... args) {
        return new MessageFormat(bundle.getString(key), bundle.getLocale()).format(args);
    }
}
