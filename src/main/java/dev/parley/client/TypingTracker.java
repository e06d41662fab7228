package dev.parley.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who is typing right now: an indicator lasts 6 s after the last {@code active:true} and ends at
 * once on {@code active:false} or a message from that person. Not thread-safe; keep it on one thread.
 */
public final class TypingTracker {
    /** How long an indicator lasts without a repeat. */
    public static final Duration EXPIRY = Duration.ofSeconds(6);

    private final Map<String, Instant> typing = new LinkedHashMap<>();

    public void typing(String nick, boolean active, Instant now) {
        if (active) {
            typing.remove(nick);
            typing.put(nick, now.plus(EXPIRY));
        } else {
            typing.remove(nick);
        }
    }

    public void messageFrom(String nick) {
        typing.remove(nick);
    }

    public void left(String nick) {
        typing.remove(nick);
    }

    /** The people typing at {@code now}, longest-typing first; forgets expired ones. */
    public List<String> typingAt(Instant now) {
        typing.values().removeIf(until -> !until.isAfter(now));
        return new ArrayList<>(typing.keySet());
    }

    /** When the next indicator expires, or {@code null} if nobody is typing. */
    public Instant nextExpiry() {
        return typing.values().stream().min(Instant::compareTo).orElse(null);
    }
}
