package dev.parley.store;

import java.util.List;

/**
 * A run of consecutive stored events, oldest first.
 *
 * @param events     at most the page size asked for
 * @param moreBefore whether older events exist before the first one (or before the anchor, when empty)
 * @param moreAfter  whether newer events exist after the last one (or after the anchor, when empty)
 */
public record HistoryPage(List<StoredEvent> events, boolean moreBefore, boolean moreAfter) {
    public HistoryPage {
        events = List.copyOf(events);
    }
}
