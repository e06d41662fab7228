package dev.parley.server;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Extensions;
import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.LeaveReason;
import dev.parley.protocol.Limits;
import dev.parley.protocol.LogText;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.Role;
import dev.parley.protocol.Timestamps;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The one room of a server: its {@link Member}s, their {@link Sessions}, and the order of events,
 * which the {@link RoomLog} keeps.
 *
 * <p>Every method runs under the room's lock, so events get their {@code seq} and reach every
 * outbox in one order. An event is broadcast once the log has it; each dialect present encodes it
 * once and every member of that dialect is queued the same bytes. Nothing here blocks: handing a
 * frame to a member is an {@link Outbox#offer}, never a socket write.
 */
final class Room {
    private static final System.Logger LOG = System.getLogger("dev.parley.server");

    private final ServerConfig config;
    private final FrameCodec codec;
    private final Clock clock;
    private final String hostKey;
    private final RoomLog log;
    private final List<Dialect> dialects;
    /** One slot per dialect for the event being broadcast; cleared after each. */
    private final byte[][] encoded;
    private final Map<String, Member> members = new LinkedHashMap<>();
    private final Sessions sessions;
    private final HistoryRequests requests;
    /** The room's files, or {@code null} when it takes none. */
    private final RoomFiles files;
    /** The extensions this host speaks, name to highest version; a hello's {@code ext} is granted from these. */
    private final Map<String, Integer> offered;
    /** How events reach a member not granted {@code files}; {@code null} when the room takes no files. */
    private final Dialect withoutFiles;
    private final AppendFailures failures = new AppendFailures();
    private final RoomLog.Appended broadcastWhenLogged = new RoomLog.Appended() {
        @Override
        public void appended(LoggedEvent event) {
            broadcast(event);
        }

        @Override
        public void failed(LoggedEvent event, Exception cause) {
            refused(event, cause);
        }
    };
    private boolean closed;

    Room(ServerConfig config, FrameCodec codec, Clock clock, String hostKey, RoomLog log, List<Dialect> dialects,
         Executor loop) {
        this(config, codec, clock, hostKey, log, dialects, loop, null);
    }

    /**
     * @param dialects every dialect a member may speak; the first is Parley's own
     * @param loop     runs tasks on the loop thread (answers to history requests come back through it)
     * @param files    the room's files (extension {@code files}), or {@code null} when it takes none
     */
    Room(ServerConfig config, FrameCodec codec, Clock clock, String hostKey, RoomLog log, List<Dialect> dialects,
         Executor loop, RoomFiles files) {
        this.config = config;
        this.codec = codec;
        this.clock = clock;
        this.hostKey = hostKey;
        this.log = log;
        this.files = files;
        this.offered = offered(files != null);
        List<Dialect> all = new ArrayList<>(dialects);
        if (files != null) {
            withoutFiles = new FilesFallbackDialect(dialects.getFirst());
            all.add(withoutFiles);
        } else {
            withoutFiles = null;
        }
        this.dialects = List.copyOf(all);
        this.encoded = new byte[this.dialects.size()][];
        this.sessions = new Sessions(config.log().nameHold().toNanos(), config.log().maxHeldSessions(),
                s -> log.sessionSaved(s.record()), s -> log.sessionEnded(s.id));
        this.sessions.restore(log.sessions(), System.nanoTime());
        this.requests = new HistoryRequests(log, codec, loop, this::deliver);
        if (files != null) {
            files.attach(this);
        }
    }

    private static Map<String, Integer> offered(boolean files) {
        Map<String, Integer> offered = new LinkedHashMap<>();
        offered.put(Extensions.HISTORY, 1);
        offered.put(Extensions.SEARCH, 1);
        if (files) {
            offered.put(Extensions.FILES, 1);
        }
        return offered;
    }

    /** The room's files, or {@code null} when it takes none. */
    RoomFiles files() {
        return files;
    }

    /**
     * Admits a peer that said hello: checks it, sends {@code welcome} and the replay, and tells
     * the room. A member holding the nick under the same session is replaced silently.
     *
     * @return the new member, through which the peer speaks from now on
     * @throws ProtocolException the closing error to answer with
     */
    synchronized Member join(Peer peer, Frame.Hello hello) throws ProtocolException {
        if (closed) {
            throw new ProtocolException(ErrorCode.SERVER_FULL, "The chat is ending; try again later.");
        }
        if (hello.v() == null || hello.v() != Frame.VERSION) {
            throw new ProtocolException(ErrorCode.UNSUPPORTED_VERSION,
                    "This host speaks protocol version " + Frame.VERSION + " only.");
        }
        String nick = Limits.normalizeNick(hello.nick());
        if (nick == null) {
            throw new ProtocolException(ErrorCode.NICK_INVALID, Limits.nickProblem(hello.nick()));
        }
        boolean host = hostKey != null && secretEquals(hostKey, hello.hostKey());
        if (config.password() != null && !host && !secretEquals(config.password(), hello.password())) {
            throw new ProtocolException(ErrorCode.BAD_PASSWORD,
                    hello.password() == null ? "This room needs a password." : "Wrong room password.");
        }
        String key = Limits.nickKey(nick);
        long now = System.nanoTime();
        sessions.expire(now);
        if (!(sessions.admit(key, nick, hello.session(), now) instanceof Sessions.Admission.Admitted admitted)) {
            throw new ProtocolException(ErrorCode.NICK_TAKEN, "The name " + nick + " is already in use.");
        }
        Map<String, Integer> granted = Extensions.grant(offered, hello.ext());
        Member previous = members.get(key);
        if (previous != null) {
            // The same person coming back keeps the name the room knows, in its spelling: a
            // takeover is not a rename (issue 15, item 12).
            nick = previous.nick();
        }
        boolean takesFiles = granted.containsKey(Extensions.FILES);
        Dialect spelling = files == null || takesFiles ? peer.dialect() : withoutFiles;
        var member = new Member(nick, key, host ? Role.HOST : Role.GUEST, admitted.session().id, granted, peer,
                spelling);
        members.put(key, member);
        sessions.attach(admitted.session(), member, clock.millis());
        for (Dialect d : dialects) {
            if (previous != null) {
                d.rosterChanged();
            } else {
                d.joined(member);
            }
        }
        if (previous != null) {
            previous.peer().replaced();
            LOG.log(System.Logger.Level.INFO, "{0} reconnected from {1}, replacing the older connection",
                    LogText.safe(nick), peer.remote());
        }

        // A since the room cannot vouch for (it comes with a token this room never gave that name)
        // gets the newcomer's replay, marked as a gap (issue 15, item 12).
        boolean vouched = hello.session() == null || admitted.resumed();
        RoomLog.Replay replay = log.replay(vouched ? hello.since() : null, config.replayLimit());
        boolean gap = vouched ? replay.gap() : hello.since() != null;
        var welcome = new Frame.Welcome(Frame.VERSION, config.roomName(), nick, List.of(), replay.events().size(),
                gap, admitted.token(), new Frame.Limits(Limits.MAX_TEXT, Limits.MAX_FRAME), log.roomId(),
                granted, takesFiles ? files.grant(member) : null);
        Dialect dialect = member.dialect();
        dialect.welcome(member, welcome, members.values());
        for (LoggedEvent e : replay.events()) {
            peer.outbox().offerUnbounded(dialect.encode(e));
        }
        if (previous == null) {
            LOG.log(System.Logger.Level.INFO, "{0} joined as {1} from {2}{3}", LogText.safe(nick),
                    member.role().name().toLowerCase(Locale.ROOT), peer.remote(), admitted.resumed() ? " (resumed)" : "");
            publish(new Frame.Joined(log.nextSeq(), nick, member.role(), now()), null);
        }
        return member;
    }

    /** A member says something; answers a resent id with the original to the sender alone. */
    synchronized void say(Member m, String id, String text) {
        if (closed || members.get(m.key()) != m) {
            return;
        }
        var clientId = new ClientId(m.session(), id);
        LoggedEvent original = log.sent(clientId);
        if (original != null && original.seq() > log.lastSeq()) {
            // Still being written: its broadcast, once kept, reaches this member too. Echoing it now
            // would confirm a message a crash could still lose.
            return;
        }
        if (original != null) {
            if (!m.outbox().offer(m.dialect().encode(original))) {
                dropSlow(m);
            }
            return;
        }
        publish(new Frame.Msg(log.nextSeq(), id, m.nick(), m.role(), text, now()), clientId);
    }

    /** Relays typing to everyone else; typing is not a room event. */
    synchronized void typing(Member m, boolean active) {
        if (closed || members.get(m.key()) != m) {
            return;
        }
        var frame = new Frame.Typing(m.nick(), active);
        List<Member> slow = null;
        for (Member other : members.values()) {
            if (other != m && !other.outbox().offerSoon(bytesFor(other.dialect(), frame))) {
                slow = addTo(slow, other);
            }
        }
        clearEncoded();
        dropSlow(slow);
    }

    /** The member's connection sent something after its welcome: it got its session token. */
    synchronized void heard(Member m) {
        sessions.heard(m);
    }

    /** Extension {@code history}: a page of stored events, answered later through the loop. */
    synchronized void history(Member m, Frame.History request) {
        if (!closed && members.get(m.key()) == m) {
            requests.history(m, request);
        }
    }

    /** Extension {@code search}: matching messages, answered later through the loop. */
    synchronized void search(Member m, Frame.Search request) {
        if (!closed && members.get(m.key()) == m) {
            requests.search(m, request);
        }
    }

    /** Extension {@code files}: answers an offer from memory ({@code offer_ok} or an error with {@code ref}). */
    synchronized void offer(Member m, Frame.Offer offer) {
        if (!closed && members.get(m.key()) == m && !m.outbox().offer(m.dialect().encode(files.offer(m, offer)))) {
            dropSlow(m);
        }
    }

    /**
     * Extension {@code files}: a file was uploaded and stored; the room gets its sequenced {@code file}
     * event (members without the extension its fallback {@code msg}), its sender the echo of the offer.
     */
    synchronized void fileStored(dev.parley.files.StoredFile file) {
        if (!closed) {
            publish(files.event(file, log.nextSeq(), now()), null);
        }
    }

    /** Extension {@code files}: stored files were evicted; members granted the extension hear {@code file_gone}. */
    synchronized void filesGone(List<String> sha256s) {
        if (closed || sha256s.isEmpty()) {
            return;
        }
        byte[] frame = codec.encode(new Frame.FileGone(sha256s));
        List<Member> slow = null;
        for (Member m : members.values()) {
            if (m.granted(Extensions.FILES) && !m.outbox().offer(frame)) {
                slow = addTo(slow, m);
            }
        }
        dropSlow(slow);
    }

    /** A member is gone; the room hears why unless it was replaced by its own reconnect. */
    synchronized void leave(Member m, LeaveReason reason) {
        if (members.get(m.key()) != m) {
            return;
        }
        members.remove(m.key());
        if (files != null && m.granted(Extensions.FILES)) {
            files.revoke(m);
        }
        sessions.left(m, reason == LeaveReason.QUIT, System.nanoTime(), clock.millis());
        dialects.forEach(Dialect::rosterChanged);
        LOG.log(System.Logger.Level.INFO, "{0} left ({1})", LogText.safe(m.nick()),
                reason.name().toLowerCase(Locale.ROOT));
        if (!closed) {
            publish(new Frame.Left(log.nextSeq(), m.nick(), reason, now()), null);
        }
    }

    /** The timer: ends name holds that ran out. */
    synchronized void tick(long now) {
        sessions.expire(now);
    }

    /**
     * Whether the room already knows who says this hello: the host's own window (by its key), or
     * the holder of the session holding its name. {@link Admission} never refuses such a hello for
     * the room's size, the join rate or a password delay, so nothing a stranger did keeps a member out.
     */
    synchronized boolean knows(Frame.Hello hello) {
        return hostKey != null && secretEquals(hostKey, hello.hostKey()) || opensSession(hello);
    }

    /**
     * Whether this hello's {@code session} token opens the session holding its name: such a member
     * coming back is never refused for reasons a stranger caused (room size, admission limits).
     */
    synchronized boolean opensSession(Frame.Hello hello) {
        String nick = Limits.normalizeNick(hello.nick());
        return nick != null && sessions.opens(Limits.nickKey(nick), hello.session());
    }

    synchronized int size() {
        return members.size();
    }

    /** Sessions kept (connected and held): bounded whatever the churn. For tests and the log. */
    synchronized int sessionCount() {
        return sessions.size();
    }

    /** Sessions of members who dropped, whose names are held for them now. */
    synchronized int heldSessions() {
        return sessions.heldCount();
    }

    synchronized List<Frame.User> users() {
        List<Frame.User> users = new ArrayList<>(members.size());
        for (Member m : members.values()) {
            users.add(m.user());
        }
        return users;
    }

    /** Closes the room to new events; returns who was in it. The log is closed by the server, off the loop. */
    synchronized List<Member> close() {
        closed = true;
        return new ArrayList<>(members.values());
    }

    /** Hands a member an answer that was prepared off the loop; a member who left meanwhile gets nothing. */
    private synchronized void deliver(Member m, byte[] frame) {
        if (members.get(m.key()) == m && !m.outbox().offer(frame)) {
            dropSlow(m);
        }
    }

    /** Encodes the event once in Parley's bytes and hands it to the log; it is broadcast once logged. */
    private void publish(Frame.RoomEvent event, ClientId clientId) {
        log.append(new LoggedEvent(event, codec.encode(event)), clientId, broadcastWhenLogged);
    }

    /**
     * The log could not keep an event, so it was never broadcast. A message is refused to its
     * sender with the non-closing {@code rate_limited} (with its id), which every client already
     * answers by sending it again later: nothing is lost in silence. A join or leave that could not
     * be kept is only logged (the member list of each welcome is right regardless).
     */
    private synchronized void refused(LoggedEvent event, Exception cause) {
        failures.failed(event, cause);
        if (event.event() instanceof Frame.Msg msg) {
            Member sender = members.get(Limits.nickKey(msg.from()));
            if (sender != null && !sender.outbox().offer(sender.dialect().encode(Frame.Error.of(ErrorCode.RATE_LIMITED,
                    "The host could not keep that message just now; it was not delivered. Send it again.",
                    msg.id())))) {
                dropSlow(sender);
            }
        }
    }

    /** Hands the event to everyone; a message is written this turn, presence may wait a few milliseconds. */
    private synchronized void broadcast(LoggedEvent event) {
        boolean urgent = !ReplayWindow.isPresence(event.event());
        // Per delivery this loop is all the room does besides the write, so it touches only the
        // member and its outbox: Parley's bytes without a dialect lookup, the rest through bytesFor.
        Dialect parley = dialects.getFirst();
        byte[] wire = event.wire();
        List<Member> slow = null;
        for (Member m : members.values()) {
            Dialect d = m.dialect();
            byte[] frame = d == parley ? wire : bytesFor(d, event);
            Outbox out = m.outbox();
            if (!(urgent ? out.offer(frame) : out.offerSoon(frame))) {
                slow = addTo(slow, m);
            }
        }
        clearEncoded();
        dropSlow(slow);
    }

    /** The event in this dialect's bytes, encoded at most once per broadcast. */
    private byte[] bytesFor(Dialect d, LoggedEvent event) {
        if (d == dialects.getFirst()) {
            return event.wire();
        }
        int i = dialects.indexOf(d);
        byte[] bytes = encoded[i];
        if (bytes == null) {
            bytes = d.encode(event);
            encoded[i] = bytes;
        }
        return bytes;
    }

    private byte[] bytesFor(Dialect d, Frame frame) {
        int i = dialects.indexOf(d);
        byte[] bytes = encoded[i];
        if (bytes == null) {
            bytes = d.encode(frame);
            encoded[i] = bytes;
        }
        return bytes;
    }

    private void clearEncoded() {
        java.util.Arrays.fill(encoded, null);
    }

    private static List<Member> addTo(List<Member> list, Member m) {
        List<Member> l = list == null ? new ArrayList<>() : list;
        l.add(m);
        return l;
    }

    private void dropSlow(List<Member> slow) {
        if (slow != null) {
            slow.forEach(this::dropSlow);
        }
    }

    private void dropSlow(Member m) {
        if (members.get(m.key()) == m) {
            LOG.log(System.Logger.Level.WARNING, "{0} cannot keep up ({1} bytes pending); disconnecting",
                    LogText.safe(m.nick()), m.outbox().pendingBytes());
            m.peer().dropAsSlow();
            leave(m, LeaveReason.SLOW);
        }
    }

    private String now() {
        return Timestamps.format(clock.instant());
    }

    private static boolean secretEquals(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    /** Logs events the log could not keep without a line each: the first, then a count at most once a second. */
    private static final class AppendFailures {
        private long lastLogged;
        private long since;

        void failed(LoggedEvent event, Exception cause) {
            since++;
            long now = System.nanoTime();
            if (lastLogged == 0 || now - lastLogged >= 1_000_000_000L) {
                LOG.log(System.Logger.Level.WARNING, "the room log could not keep {0} event(s), the last seq {1}: {2}",
                        since, event.seq(), cause.getMessage());
                lastLogged = now;
                since = 0;
            }
        }
    }
}
