package dev.parley.store;

import java.util.function.Consumer;

/** What the room's writer thread is handed: events to append, and session changes riding along. */
sealed interface WriteItem {
    /** An event and who learns its outcome. */
    record Append(StoredEvent event, Consumer<AppendOutcome> whenDone) implements WriteItem {
    }

    /** Keeps a session (replacing what was kept under its id). */
    record SaveSession(StoredSession session) implements WriteItem {
    }

    /** Forgets a session. */
    record RemoveSession(String id) implements WriteItem {
    }
}
