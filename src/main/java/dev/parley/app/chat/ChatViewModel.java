package dev.parley.app.chat;

import dev.parley.app.chat.ChatItem.Delivery;
import dev.parley.app.chat.ChatItem.InfoKind;
import dev.parley.app.chat.ChatItem.Message;
import dev.parley.app.ProblemSentences;
import dev.parley.client.ChatEvent;
import dev.parley.client.TypingTracker;
import dev.parley.protocol.Frame;
import dev.parley.protocol.Limits;
import dev.parley.protocol.Role;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.ObservableList;

import java.text.MessageFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.ResourceBundle;

/**
 * The state of one chat window: its rows, people, typing line, connection banner, draft and unread
 * count. Events arrive in batches through {@link #apply}; everything here runs on the FX thread
 * (or one test thread), never touches a socket and never blocks.
 */
public final class ChatViewModel {
    /** How the connection to the room is doing. */
    public enum ConnectionState { CONNECTED, RECONNECTING, ENDED }

    private final ChatLink link;
    private final ResourceBundle bundle;
    private final ProblemSentences problems;
    private final Clock clock;
    private final UnreadTracker unread;
    private final String address;
    private final boolean hosting;
    private final ChatLog log;
    private final People people = new People();
    private final TypingTracker typing = new TypingTracker();

    private final ReadOnlyStringWrapper room = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper you = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<ConnectionState> state = new ReadOnlyObjectWrapper<>(ConnectionState.CONNECTED);
    private final ReadOnlyStringWrapper stateText = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper banner = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper endedText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper typingText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper();
    private final DraftLength draftLength;
    private final PresenceSummary presence;
    private final RowBuilder rows;
    private final ChatHistory history;
    private final dev.parley.app.files.FileTransfers files;
    private final SearchViewModel search;
    private final ReadOnlyStringWrapper peopleTitle = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper peopleNote = new ReadOnlyStringWrapper("");
    private final StringProperty draft = new SimpleStringProperty(this, "draft", "");
    private final BooleanProperty windowFocused = new SimpleBooleanProperty(this, "windowFocused", true);
    private final BooleanBinding canSend;

    private Instant retryAt;

    public ChatViewModel(ChatLink link, String address, boolean hosting, ResourceBundle bundle, Clock clock,
                         Notifier notifier) {
        this(link, address, hosting, bundle, clock, notifier, Runnable::run);
    }

    /**
     * @param fx runs answers from the host (history pages, search results) on the FX thread
     *           ({@code Platform::runLater}; a test passes its own thread)
     */
    public ChatViewModel(ChatLink link, String address, boolean hosting, ResourceBundle bundle, Clock clock,
                         Notifier notifier, java.util.concurrent.Executor fx) {
        this.link = link;
        this.address = address;
        this.hosting = hosting;
        this.bundle = bundle;
        this.problems = new ProblemSentences(bundle);
        this.clock = clock;
        this.unread = new UnreadTracker(notifier, new UnreadTracker.Wording() {
            @Override
            public String title(int count, String lastSender) {
                return count == 1 ? format("chat.notify.one", lastSender, room.get())
                        : format("chat.notify.many", count, room.get());
            }

            @Override
            public String text(int count, String lastSender, String lastText) {
                return count == 1 ? lastText : format("chat.notify.last", lastSender, lastText);
            }
        });
        this.log = new ChatLog(clock.getZone());
        this.draftLength = new DraftLength(bundle);
        this.presence = new PresenceSummary(bundle);
        // Transfers run on virtual threads; their progress and ends come back through fx.
        this.files = new dev.parley.app.files.FileTransfers(link.files(), bundle, fx,
                task -> Thread.ofVirtual().name("parley-file").start(task));
        files.onSent(this::ownFile);
        files.captionSender(this::sendText);
        this.rows = new RowBuilder(bundle, presence, people, you::get, files);
        this.history = new ChatHistory(link, log, rows, fx, clock, bundle);
        this.search = new SearchViewModel(link, bundle, fx);
        stateText.set(text("chat.state.connected"));
        canSend = Bindings.createBooleanBinding(
                () -> Limits.textProblem(draft.get()) == null && state.get() != ConnectionState.ENDED, draft, state);
        draft.addListener((obs, old, now) -> draftChanged(now));
        windowFocused.addListener((obs, old, focused) -> {
            if (focused) {
                unread.seen();
            }
        });
        var unreadCount = unread.unreadProperty();
        title.bind(Bindings.createStringBinding(() -> unreadCount.get() > 0
                ? format("chat.title.unread", unreadCount.get(), room.get())
                : format("chat.title", room.get()), unreadCount, room));
        // While the connection is down nobody can tell who is still there: say so rather than a stale count.
        peopleTitle.bind(Bindings.createStringBinding(() -> state.get() == ConnectionState.RECONNECTING
                ? text("chat.people.titleUnknown")
                : format("chat.people.title", people.list().size()), people.list(), state));
        peopleNote.bind(Bindings.createStringBinding(() -> state.get() == ConnectionState.RECONNECTING
                ? text("chat.people.unknown") : "", state));
    }

    /** Takes in one batch of events from the pump, in order, publishing new rows in one change. */
    public void apply(List<ChatEvent> batch) {
        Instant now = clock.instant();
        int incoming = 0;
        String lastSender = null;
        String lastText = null;
        for (ChatEvent event : batch) {
            switch (event) {
                case ChatEvent.Connected c -> connected(c, now);
                case ChatEvent.Message m -> {
                    message(m, now);
                    if (!m.own()) {
                        incoming++;
                        lastSender = m.msg().from();
                        lastText = m.msg().text();
                    }
                }
                case ChatEvent.Joined j -> joined(j.event(), now);
                case ChatEvent.Left l -> left(l.event(), now);
                case ChatEvent.Typing t -> typing.typing(t.nick(), t.active(), now);
                case ChatEvent.Disconnected d -> disconnected(d, now);
                case ChatEvent.Reconnecting r -> banner.set(text("chat.banner.reconnecting"));
                case ChatEvent.SendFailed f -> log.replaceOwn(f.id(),
                        m -> m.withDelivery(Delivery.FAILED, m.localId(), f.reason(), m.time()));
                case ChatEvent.Notice n -> info(InfoKind.NOTICE, n.text(), now);
                case ChatEvent.Ended e -> ended(e, now);
                case ChatEvent.FileShared f -> {
                    fileShared(f, now);
                    if (!f.own()) {
                        incoming++;
                        lastSender = f.file().from();
                        lastText = "📎 " + f.file().name();
                    }
                }
                case ChatEvent.FilesGone g -> files.gone(g.sha256s());
            }
        }
        log.commit();
        refresh(now);
        if (!windowFocused.get()) {
            unread.arrivedInBackground(incoming, lastSender, lastText, now);
        }
    }

    /** Sends the draft; {@code false} (and nothing happens) if it cannot be sent. */
    public boolean send() {
        String text = draft.get();
        if (!canSend.get()) {
            return false;
        }
        String id = link.send(text);
        link.typing(false);
        log.appendMessage(new Message(log.newKey(), you.get(), hosting, text, clock.instant(), true, id,
                Delivery.SENDING, null, true, true, people.colourOf(you.get()), null));
        log.commit();
        draft.set("");
        return true;
    }

    /**
     * Sends {@code text} as one's own message, as the composer would (a picture's caption); {@code false}
     * if it cannot be sent.
     */
    public boolean sendText(String text) {
        if (Limits.textProblem(text) != null || state.get() == ConnectionState.ENDED) {
            return false;
        }
        String id = link.send(text);
        log.appendMessage(new Message(log.newKey(), you.get(), hosting, text, clock.instant(), true, id,
                Delivery.SENDING, null, true, true, people.colourOf(you.get()), null));
        log.commit();
        return true;
    }

    /** The files of this chat: sending, saving, their transfers (extension {@code files}). */
    public dev.parley.app.files.FileTransfers files() {
        return files;
    }

    /** One's own file just started on its way: its row shows at once. */
    private void ownFile(dev.parley.app.files.FileEntry entry) {
        log.appendFile(new ChatItem.File(log.newKey(), you.get(), hosting, clock.instant(), true,
                people.colourOf(you.get()), 0, entry));
        log.commit();
    }

    private void fileShared(ChatEvent.FileShared f, Instant now) {
        Frame.FileEvent file = f.file();
        typing.messageFrom(file.from());
        history.seen(file.seq());
        var entry = files.shared(file, f.own());
        if (entry != null) {
            rows.file(log, file, entry, now);
        }
    }

    /**
     * Sends a draft too long for one message as several, cut at paragraph, sentence or word
     * boundaries; {@code false} (and nothing happens) if the draft fits in one or cannot be sent.
     */
    public boolean sendSplit() {
        List<String> parts = draftLength.parts();
        if (parts.size() < 2 || state.get() == ConnectionState.ENDED) {
            return false;
        }
        for (String part : parts) {
            String id = link.send(part);
            log.appendMessage(new Message(log.newKey(), you.get(), hosting, part, clock.instant(), true, id,
                    Delivery.SENDING, null, true, true, people.colourOf(you.get()), null));
        }
        link.typing(false);
        log.commit();
        draft.set("");
        return true;
    }

    /** Sends a failed message again as a new one. */
    public void retry(Message failed) {
        if (failed.delivery() != Delivery.FAILED || state.get() == ConnectionState.ENDED) {
            return;
        }
        String id = link.send(failed.text());
        log.replaceOwn(failed.localId(), m -> m.withDelivery(Delivery.SENDING, id, null, m.time()));
    }

    public void reconnectNow() {
        link.reconnectNow();
    }

    /** Brings time-driven text up to date: the typing line and the reconnect countdown. */
    public void refresh(Instant now) {
        typingText.set(typingLine(typing.typingAt(now)));
        if (state.get() == ConnectionState.RECONNECTING && retryAt != null) {
            long seconds = (Duration.between(now, retryAt).toMillis() + 999) / 1000;
            if (seconds > 0) {
                banner.set(format("chat.banner.lost", seconds));
            }
        }
    }

    private void connected(ChatEvent.Connected c, Instant now) {
        history.connected(c);
        room.set(c.room());
        you.set(c.you());
        people.reset(c.you(), c.users());
        if (c.restarted()) {
            info(InfoKind.CONNECTION, text("chat.info.restarted"), now);
        } else if (c.resumed()) {
            info(InfoKind.CONNECTION, text("chat.info.reconnected"), now);
        }
        if (c.gap()) {
            info(InfoKind.CONNECTION, text("chat.info.gap"), now);
        }
        retryAt = null;
        banner.set("");
        setState(ConnectionState.CONNECTED);
    }

    private void message(ChatEvent.Message m, Instant now) {
        Frame.Msg msg = m.msg();
        Instant time = parseTime(msg.ts(), now);
        typing.messageFrom(msg.from());
        history.seen(msg.seq());
        if (m.own() && msg.id() != null && log.deliverOwn(msg.id(), own -> {
            log.shows(msg.seq(), own.key());
            return delivered(own, time).withSeq(msg.seq());
        })) {
            return;
        }
        rows.message(log, msg, m.own(), now);
    }

    /**
     * The delivered row of one's own message, stamped with the host's time. When that shows another
     * minute than the time it was sent at (it waited for a reconnect), the sending time is kept too,
     * so the bubble can say both instead of changing its time silently.
     */
    private Message delivered(Message own, Instant time) {
        Message done = own.withDelivery(Delivery.DELIVERED, own.localId(), null, time);
        var minutes = java.time.temporal.ChronoUnit.MINUTES;
        boolean sameMinute = own.time().atZone(clock.getZone()).truncatedTo(minutes)
                .equals(time.atZone(clock.getZone()).truncatedTo(minutes));
        return sameMinute ? done : done.withSentAt(own.time());
    }

    private void joined(Frame.Joined j, Instant now) {
        people.joined(j.nick(), j.role());
        history.seen(j.seq());
        rows.joined(log, j, now);
    }

    private void left(Frame.Left l, Instant now) {
        people.left(l.nick());
        typing.left(l.nick());
        history.seen(l.seq());
        rows.left(log, l, now);
    }

    private void disconnected(ChatEvent.Disconnected d, Instant now) {
        if (state.get() == ConnectionState.CONNECTED) {
            info(InfoKind.CONNECTION, format("chat.info.lost", problems.of(d.reason())), now);
        }
        retryAt = d.retryAt();
        setState(ConnectionState.RECONNECTING);
    }

    private void ended(ChatEvent.Ended e, Instant now) {
        String sentence = switch (e.reason()) {
            case HOST_ENDED -> text("chat.info.hostEnded");
            case CLOSED -> text("chat.info.youLeft");
            case REFUSED -> problems.of(e.refusal());
        };
        if (e.reason() != ChatEvent.EndReason.CLOSED) {
            info(InfoKind.ENDED, sentence, now);
        }
        endedText.set(sentence);
        banner.set("");
        retryAt = null;
        typing.typingAt(Instant.MAX);
        // Nobody is in the room any more as far as this window can tell.
        people.reset(you.get(), List.of());
        setState(ConnectionState.ENDED);
    }

    private void info(InfoKind kind, String text, Instant time) {
        log.appendInfo(new ChatItem.Info(log.newKey(), kind, text, time));
    }

    private void setState(ConnectionState s) {
        state.set(s);
        stateText.set(switch (s) {
            case CONNECTED -> text("chat.state.connected");
            case RECONNECTING -> text("chat.state.reconnecting");
            case ENDED -> text("chat.state.ended");
        });
    }

    private void draftChanged(String text) {
        draftLength.update(text);
        if (state.get() == ConnectionState.CONNECTED) {
            link.typing(!text.isBlank());
        }
    }

    private String typingLine(List<String> nicks) {
        return switch (nicks.size()) {
            case 0 -> "";
            case 1 -> format("chat.typing.one", nicks.get(0));
            case 2 -> format("chat.typing.two", nicks.get(0), nicks.get(1));
            default -> text("chat.typing.many");
        };
    }

    private static Instant parseTime(String ts, Instant fallback) {
        return HostTimes.parse(ts, fallback);
    }

    private String text(String key) {
        return bundle.getString(key);
    }

    private String format(String key, Object... args) {
        return new MessageFormat(bundle.getString(key), bundle.getLocale()).format(args);
    }

    public ObservableList<ChatItem> items() {
        return log.items();
    }

    /** The search panel's state (Ctrl+F). */
    public SearchViewModel search() {
        return search;
    }

    /** Older history, jumps to search hits, and the gap between them and the rest. */
    public ChatHistory history() {
        return history;
    }

    /**
     * Shows what this app kept of the room from an earlier visit, before anything arrives from the
     * host: the conversation is there at once, and the host replays only what came after it.
     */
    public void showEarlier(String yourNick, String roomName, List<Frame.RoomEvent> earlier) {
        if (earlier.isEmpty()) {
            return;
        }
        you.set(yourNick);
        if (roomName != null) {
            room.set(roomName);
        }
        Instant now = clock.instant();
        for (Frame.RoomEvent e : earlier) {
            boolean own = e instanceof Frame.Msg m && rows.isOwn(m);
            rows.add(log, e, own, now);
            history.seen(e.seq());
        }
        log.commit();
    }

    public ObservableList<Person> people() {
        return people.list();
    }

    public ReadOnlyStringProperty roomProperty() {
        return room.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty youProperty() {
        return you.getReadOnlyProperty();
    }

    public String address() {
        return address;
    }

    public boolean hosting() {
        return hosting;
    }

    public ReadOnlyObjectProperty<ConnectionState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty stateTextProperty() {
        return stateText.getReadOnlyProperty();
    }

    /** The reconnect banner's sentence; empty when there is no banner. */
    public ReadOnlyStringProperty bannerProperty() {
        return banner.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty endedTextProperty() {
        return endedText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty typingTextProperty() {
        return typingText.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty unreadProperty() {
        return unread.unreadProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty peopleTitleProperty() {
        return peopleTitle.getReadOnlyProperty();
    }

    /** A sentence under the people list's title when it may be out of date, else empty. */
    public ReadOnlyStringProperty peopleNoteProperty() {
        return peopleNote.getReadOnlyProperty();
    }

    /** "3,612 / 4,000" once the draft nears the limit, else empty. */
    public ReadOnlyStringProperty counterTextProperty() {
        return draftLength.counterTextProperty();
    }

    /** Says the draft is too long for one message and into how many it would go; else empty. */
    public ReadOnlyStringProperty splitTextProperty() {
        return draftLength.splitTextProperty();
    }

    /** The label of the action that sends the draft as several messages ({@link #sendSplit}); else empty. */
    public ReadOnlyStringProperty splitActionProperty() {
        return draftLength.splitActionProperty();
    }

    public ReadOnlyBooleanProperty overLimitProperty() {
        return draftLength.overLimitProperty();
    }

    public StringProperty draftProperty() {
        return draft;
    }

    public BooleanProperty windowFocusedProperty() {
        return windowFocused;
    }

    public ObservableValue<Boolean> canSendProperty() {
        return canSend;
    }
}
