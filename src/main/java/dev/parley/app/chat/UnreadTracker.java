package dev.parley.app.chat;

import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;

import java.time.Duration;
import java.time.Instant;

/**
 * Counts messages that arrive while the window is in the background and raises one desktop
 * notification per burst: messages less than {@link #BURST_GAP} apart belong to the same burst.
 * FX thread only.
 */
final class UnreadTracker {
    static final Duration BURST_GAP = Duration.ofSeconds(10);

    /** What a notification says, given how many messages arrived and the last one. */
    interface Wording {
        String title(int count, String lastSender);

        String text(int count, String lastSender, String lastText);
    }

    private final ReadOnlyIntegerWrapper unread = new ReadOnlyIntegerWrapper();
    private final Notifier notifier;
    private final Wording wording;
    private Instant lastBackgroundMessage;

    UnreadTracker(Notifier notifier, Wording wording) {
        this.notifier = notifier;
        this.wording = wording;
    }

    ReadOnlyIntegerProperty unreadProperty() {
        return unread.getReadOnlyProperty();
    }

    /** The person is looking again: nothing is unread. */
    void seen() {
        unread.set(0);
        lastBackgroundMessage = null;
    }

    /** {@code count} messages from others arrived in one batch while the window was in the background. */
    void arrivedInBackground(int count, String lastSender, String lastText, Instant now) {
        if (count == 0) {
            return;
        }
        unread.set(unread.get() + count);
        boolean newBurst = lastBackgroundMessage == null
                || Duration.between(lastBackgroundMessage, now).compareTo(BURST_GAP) > 0;
        lastBackgroundMessage = now;
        if (newBurst) {
            notifier.newMessages(wording.title(count, lastSender), wording.text(count, lastSender, lastText));
        }
    }
}
