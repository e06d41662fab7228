package dev.parley.server;

import dev.parley.protocol.ErrorCode;
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
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one room of a server: its {@link Member}s, sessions, and the order of events, which the
 * {@link RoomLog} keeps.
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
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Member> members = new LinkedHashMap<>();
    private final Map<String, String> sessions = new HashMap<>();
    private final RoomLog.Appended broadcastWhenLogged = new RoomLog.Appended() {
        @Override
        public void appended(LoggedEvent event) {
            broadcast(event);
        }

        @Override
        public void failed(LoggedEvent event, Exception cause) {
            LOG.log(System.Logger.Level.ERROR, "the room log could not keep event " + event.seq(), cause);
        }
    };
    private boolean closed;

    /** @param dialects every dialect a member may speak; the first is Parley's own */
    Room(ServerConfig config, FrameCodec codec, Clock clock, String hostKey, RoomLog log, List<Dialect> dialects) {
        this.config = config;
        this.codec = codec;
        this.clock = clock;
        this.hostKey = hostKey;
        this.log = log;
        this.dialects = List.copyOf(dialects);
        this.encoded = new byte[this.dialects.size()][];
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
        String known = sessions.get(key);
        boolean sameSession = known != null && secretEquals(known, hello.session());
        Member previous = members.get(key);
        if (previous != null && !sameSession) {
            throw new ProtocolException(ErrorCode.NICK_TAKEN, "The name " + nick + " is already in use.");
        }
        if (previous != null) {
            // The same person coming back keeps the name the room knows, in its spelling: a
            // takeover is not a rename (issue 15, item 12).
            nick = previous.nick();
        }
        String session = sameSession ? known : newToken();
        sessions.put(key, session);
        var member = new Member(nick, key, host ? Role.HOST : Role.GUEST, session, peer);
        members.put(key, member);
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

        // A since the room cannot vouch for (it comes with a token this room never gave that name,
        // say from the room's life before a restart) gets the newcomer's replay, marked as a gap.
        boolean vouched = hello.session() == null || sameSession;
        Long since = vouched ? hello.since() : null;
        List<LoggedEvent> replay = replayFor(since);
        boolean gap = hello.since() != null && (!vouched || isGap(since));
        var welcome = new Frame.Welcome(Frame.VERSION, config.roomName(), nick, List.of(), replay.size(), gap,
                session, new Frame.Limits(Limits.MAX_TEXT, Limits.MAX_FRAME));
        Dialect dialect = peer.dialect();
        dialect.welcome(member, welcome, members.values());
        for (LoggedEvent e : replay) {
            peer.outbox().offerUnbounded(dialect.encode(e));
        }
        if (previous == null) {
            LOG.log(System.Logger.Level.INFO, "{0} joined as {1} from {2}", LogText.safe(nick),
                    member.role().name().toLowerCase(Locale.ROOT), peer.remote());
            publish(new Frame.Joined(log.nextSeq(), nick, member.role(), now()), null);
        }
        return member;
    }

    /** A member says something; answers a resent id with the original to the sender alone. */
    synchronized void say(Member m, String id, String text) {
        if (closed || members.get(m.key()) != m) {
            return;
        }
        var clientId = new ClientId(m.key(), id);
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

    /** A member is gone; the room hears why unless it was replaced by its own reconnect. */
    synchronized void leave(Member m, LeaveReason reason) {
        if (members.get(m.key()) != m) {
            return;
        }
        members.remove(m.key());
        dialects.forEach(Dialect::rosterChanged);
        LOG.log(System.Logger.Level.INFO, "{0} left ({1})", LogText.safe(m.nick()),
                reason.name().toLowerCase(Locale.ROOT));
        if (!closed) {
            publish(new Frame.Left(log.nextSeq(), m.nick(), reason, now()), null);
        }
    }

    /**
     * Whether the room already knows who says this hello: the host's own window (by its key), or
     * the holder of the session this room gave that name. {@link Admission} never refuses such a
     * hello for the room's size, the join rate or a password delay, so nothing a stranger did keeps
     * a member out.
     */
    synchronized boolean knows(Frame.Hello hello) {
        if (hostKey != null && secretEquals(hostKey, hello.hostKey())) {
            return true;
        }
        String nick = Limits.normalizeNick(hello.nick());
        String known = nick == null ? null : sessions.get(Limits.nickKey(nick));
        return known != null && secretEquals(known, hello.session());
    }

    synchronized int size() {
        return members.size();
    }

    synchronized List<Frame.User> users() {
        List<Frame.User> users = new ArrayList<>(members.size());
        for (Member m : members.values()) {
            users.add(m.user());
        }
        return users;
    }

    /** Closes the room to new events; returns who was in it. */
    synchronized List<Member> close() {
        closed = true;
        log.close();
        return new ArrayList<>(members.values());
    }

    /** Encodes the event once in Parley's bytes and hands it to the log; it is broadcast once logged. */
    private void publish(Frame.RoomEvent event, ClientId clientId) {
        log.append(new LoggedEvent(event, codec.encode(event)), clientId, broadcastWhenLogged);
    }

    /** Hands the event to everyone; a message is written this turn, presence may wait a few milliseconds. */
    private synchronized void broadcast(LoggedEvent event) {
        boolean urgent = event.event() instanceof Frame.Msg;
        List<Member> slow = null;
        for (Member m : members.values()) {
            byte[] frame = bytesFor(m.dialect(), event);
            if (!(urgent ? m.outbox().offer(frame) : m.outbox().offerSoon(frame))) {
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

    private List<LoggedEvent> replayFor(Long since) {
        long last = log.lastSeq();
        long from;
        if (since == null || since > last || since < 0) {
            from = Math.max(log.firstSeq(), last - config.replayLimit() + 1);
        } else {
            from = Math.max(log.firstSeq(), since + 1);
        }
        return log.read(from, last);
    }

    /** Whether events after {@code since} are gone, or {@code since} is from another room's life. */
    private boolean isGap(long since) {
        return since > log.lastSeq() || since < 0 || since + 1 < log.firstSeq();
    }

    private String now() {
        return Timestamps.format(clock.instant());
    }

    private String newToken() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static boolean secretEquals(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }
}
