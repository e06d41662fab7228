package dev.parley.server;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where a room keeps its history and how it holds names for members who dropped: the room log's
 * part of {@link ServerConfig}.
 *
 * @param folder           the folder of the room's database ({@code serve --data DIR/history}), or
 *                         {@code null} to keep events in memory only (lost when the host stops)
 * @param keepDays         events older than this many days are removed from the database; 0 keeps them
 * @param keepMessages     only the latest this many events stay in the database; 0 keeps them all
 * @param nameHold         how long a member who dropped (no {@code bye}) keeps their name for their
 *                         session; at least the client's reconnect schedule (see docs/protocol.md)
 * @param maxHeldSessions  most dropped members whose names are held at once; past it the oldest
 *                         hold ends early, so churn cannot grow the host's memory
 * @param historyRate      {@code history} requests a second per connection (bursts of twice that)
 * @param searchRate       {@code search} requests a second per connection (bursts of twice that)
 */
public record LogSettings(Path folder, int keepDays, long keepMessages, Duration nameHold, int maxHeldSessions,
                          int historyRate, int searchRate) {
    /** The client backs off 1, 2, 4, 8, 16 s, then 30 s; five minutes covers that and nine more tries. */
    public static final Duration DEFAULT_NAME_HOLD = Duration.ofMinutes(5);

    public LogSettings {
        if (keepDays < 0 || keepMessages < 0 || maxHeldSessions < 0 || historyRate < 1 || searchRate < 1) {
            throw new IllegalArgumentException("log limits must not be negative");
        }
        if (nameHold == null || nameHold.isNegative()) {
            throw new IllegalArgumentException("the name hold must be zero or more");
        }
    }

    /** Events in memory only; names held five minutes; 10 history and 2 search requests a second. */
    public static LogSettings memory() {
        return new LogSettings(null, 0, 0, DEFAULT_NAME_HOLD, 1_000, 10, 2);
    }

    /** The same, with the history in a database under {@code dataFolder}. */
    public LogSettings inFolder(Path dataFolder) {
        return new LogSettings(dataFolder, keepDays, keepMessages, nameHold, maxHeldSessions, historyRate,
                searchRate);
    }

    public LogSettings withRetention(int days, long messages) {
        return new LogSettings(folder, days, messages, nameHold, maxHeldSessions, historyRate, searchRate);
    }

    public LogSettings withNameHold(Duration hold, int maxHeld) {
        return new LogSettings(folder, keepDays, keepMessages, hold, maxHeld, historyRate, searchRate);
    }

    public LogSettings withRequestRates(int history, int search) {
        return new LogSettings(folder, keepDays, keepMessages, nameHold, maxHeldSessions, history, search);
    }

    /** Whether events are kept on disk. */
    public boolean durable() {
        return folder != null;
    }
}
