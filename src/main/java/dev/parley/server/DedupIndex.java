package dev.parley.server;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The message ids each session has sent, so a resend is answered with the original instead of
 * being delivered again. Kept per session ({@link ClientId#owner}) and bounded per session: one
 * member's traffic can never push out another's ids, and a session's ids go when it ends.
 * Loop thread only.
 */
final class DedupIndex {
    private final int perOwner;
    private final Map<String, LinkedHashMap<String, LoggedEvent>> byOwner = new HashMap<>();

    /** @param perOwner ids remembered per session; its oldest is forgotten first */
    DedupIndex(int perOwner) {
        this.perOwner = perOwner;
    }

    void put(ClientId clientId, LoggedEvent event) {
        // Once per message: a plain get first, so the usual case (the session has ids already)
        // allocates no capturing lambda.
        LinkedHashMap<String, LoggedEvent> ids = byOwner.get(clientId.owner());
        if (ids == null) {
            ids = new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, LoggedEvent> eldest) {
                    return size() > perOwner;
                }
            };
            byOwner.put(clientId.owner(), ids);
        }
        ids.put(clientId.id(), event);
    }

    LoggedEvent get(ClientId clientId) {
        var ids = byOwner.get(clientId.owner());
        return ids == null ? null : ids.get(clientId.id());
    }

    /** Forgets one id (its message could not be kept after all). */
    void remove(ClientId clientId) {
        var ids = byOwner.get(clientId.owner());
        if (ids != null && ids.remove(clientId.id()) != null && ids.isEmpty()) {
            byOwner.remove(clientId.owner());
        }
    }

    /** The session ended: its ids go. */
    void forget(String owner) {
        byOwner.remove(owner);
    }

    /** Sessions with ids remembered. */
    int owners() {
        return byOwner.size();
    }

    void clear() {
        byOwner.clear();
    }
}
