package dev.parley.app.chat;

import dev.parley.app.chat.ChatItem.Delivery;
import dev.parley.app.chat.ChatItem.InfoKind;
import dev.parley.protocol.Frame;
import dev.parley.protocol.Limits;
import dev.parley.protocol.Role;

import java.text.MessageFormat;
import java.time.Instant;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.Supplier;

/**
 * Turns room events into rows of a {@link ChatLog}: live ones into the chat's own log, older ones
 * paged in from the host into a stretch that is put in above. The same rules either way: a
 * message's bubble, a join or leave summed up with its neighbours, each row noting the seq it shows.
 * FX thread only (or one test thread).
 */
final class RowBuilder {
    private final ResourceBundle bundle;
    private final PresenceSummary presence;
    private final People people;
    private final Supplier<String> you;
    private final dev.parley.app.files.FileTransfers files;

    RowBuilder(ResourceBundle bundle, PresenceSummary presence, People people, Supplier<String> you,
               dev.parley.app.files.FileTransfers files) {
        this.files = files;
        this.bundle = bundle;
        this.presence = presence;
        this.people = people;
        this.you = you;
    }

    /** Whether a message was sent by this window's person (their name, compared as names are). */
    boolean isOwn(Frame.Msg m) {
        return m.from() != null && Limits.nickKey(m.from()).equals(Limits.nickKey(you.get()));
    }

    /** Appends any room event; {@code own} only matters for messages. */
    void add(ChatLog log, Frame.RoomEvent event, boolean own, Instant fallback) {
        switch (event) {
            case Frame.Msg m -> message(log, m, own, fallback);
            case Frame.Joined j -> joined(log, j, fallback);
            case Frame.Left l -> left(log, l, fallback);
            case Frame.FileEvent f -> {
                var entry = files.shared(f, own);
                file(log, f, entry != null ? entry : files.own(f.id()), fallback);
            }
        }
    }

    /** Appends the row of a shared file ({@code file} event) showing {@code entry}. */
    void file(ChatLog log, Frame.FileEvent f, dev.parley.app.files.FileEntry entry, Instant fallback) {
        var row = new ChatItem.File(log.newKey(), f.from(), f.role() == Role.HOST, HostTimes.parse(f.ts(), fallback),
                entry.outgoing(), people.colourOf(f.from()), f.seq(), entry);
        log.appendFile(row);
        log.shows(f.seq(), row.key());
    }

    void message(ChatLog log, Frame.Msg msg, boolean own, Instant fallback) {
        Instant time = HostTimes.parse(msg.ts(), fallback);
        var row = new ChatItem.Message(log.newKey(), msg.from(), msg.role() == Role.HOST, msg.text(), time, own,
                own ? msg.id() : null, Delivery.DELIVERED, null, true, true, people.colourOf(msg.from()), null,
                msg.seq());
        log.appendMessage(row);
        log.shows(msg.seq(), row.key());
    }

    void joined(ChatLog log, Frame.Joined j, Instant fallback) {
        if (Limits.nickKey(j.nick()).equals(Limits.nickKey(you.get()))) {
            return;
        }
        String sentence = format(j.role() == Role.HOST ? "chat.info.joinedHost" : "chat.info.joined", j.nick());
        String key = log.appendPresence(InfoKind.JOINED, new PresenceSummary.Change(j.nick(), true, sentence),
                HostTimes.parse(j.ts(), fallback), presence::sentence);
        log.shows(j.seq(), key);
    }

    void left(ChatLog log, Frame.Left l, Instant fallback) {
        String reason = l.reason() == null ? "quit" : l.reason().name().toLowerCase(Locale.ROOT);
        String sentence = format("chat.info.left." + reason, l.nick());
        String key = log.appendPresence(InfoKind.LEFT, new PresenceSummary.Change(l.nick(), false, sentence),
                HostTimes.parse(l.ts(), fallback), presence::sentence);
        log.shows(l.seq(), key);
    }

    String text(String key) {
        return bundle.getString(key);
    }

    String format(String key, Object... args) {
        return new MessageFormat(bundle.getString(key), bundle.getLocale()).format(args);
    }
}
