package dev.parley.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named extensions on top of protocol version 1 (docs/protocol.md, "Extensions"): their wire names,
 * the versions this code speaks, their limits, and the rule by which a host grants them. Pure
 * functions and constants; any thread.
 */
public final class Extensions {
    /** Paging through stored room events: {@link Frame.History} and {@link Frame.Page}. */
    public static final String HISTORY = "history";
    /** Full-text search of the room's messages: {@link Frame.Search} and {@link Frame.Found}. */
    public static final String SEARCH = "search";
    /**
     * Files and images: {@link Frame.Offer}, {@link Frame.OfferOk}, the room event {@link Frame.FileEvent}
     * and {@link Frame.FileGone}; the bytes travel over transfer connections (docs/protocol.md, "Files").
     */
    public static final String FILES = "files";

    /** Events one page holds when the request names no limit. */
    public static final int DEFAULT_PAGE = 100;
    /** Most events one page holds, whatever the request says. */
    public static final int MAX_PAGE = 200;
    /** Hits one answer holds when the request names no limit. */
    public static final int DEFAULT_HITS = 20;
    /** Most hits one answer holds. */
    public static final int MAX_HITS = 50;
    /** Longest search, in UTF-16 units. */
    public static final int MAX_SEARCH = 200;
    /** Longest request {@code ref}: the same rule as a message id (1–64 of {@code A-Z a-z 0-9 _ -}). */
    public static final int MAX_REF = Limits.MAX_ID;
    /**
     * Bytes of events one answer carries at most, so that with its own members it stays under the
     * {@link Limits#MAX_FRAME} that every host frame keeps to. An answer always carries at least
     * one event when there is one (a single event is far smaller).
     */
    public static final int MAX_ANSWER_EVENT_BYTES = 60_000;

    private Extensions() {
    }

    /**
     * What a host grants: every extension both sides speak, at the lower of the two versions.
     * Names the host does not offer and versions below 1 are ignored.
     *
     * @param offered what the host speaks, name to highest version
     * @param asked   what the client's hello listed; {@code null} for nothing
     * @return the grant, in the host's order; empty when nothing is shared
     */
    public static Map<String, Integer> grant(Map<String, Integer> offered, Map<String, Integer> asked) {
        Map<String, Integer> granted = new LinkedHashMap<>();
        if (asked == null) {
            return granted;
        }
        offered.forEach((name, version) -> {
            Integer theirs = asked.get(name);
            if (theirs != null && theirs >= 1) {
                granted.put(name, Math.min(version, theirs));
            }
        });
        return granted;
    }
}
