package dev.parley.server;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.LeaveReason;
import dev.parley.protocol.Limits;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.Role;
import dev.parley.protocol.Timestamps;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one room of a server: who is in it, the ordered log, sessions and resend de-duplication.
 *
 * <p>Every method runs under the room's lock, so events get their {@code seq} and reach every
 * outbox in one order. Nothing here blocks: handing a frame to a participant is an
 * {@link Outbox#offer}, never a socket write.
 */
final class Room {
    private static final System.Logger LOG = System.getLogger("dev.parley.server");
    private static final byte[] EMPTY_USERS = "\"users\":[]".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] USERS_OPEN = "\"users\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] USERS_CLOSE = "],\"history\":".getBytes(StandardCharsets.US_ASCII);

    private final ServerConfig config;
    private final FrameCodec codec;
    private final Clock clock;
    private final String hostKey;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Connection> members = new LinkedHashMap<>();
    private final Map<String, String> sessions = new HashMap<>();
    private final History history;
    private final Map<SentKey, Frame.Msg> sent;
    /**
     * Every member's entry of the welcome's {@code users} list, in join order, already encoded.
     * Bytes below {@link #usersJsonLength} are never changed once written (queued welcomes share
     * them); growing copies into a new array, and a rebuild starts a new one.
     */
    private byte[] usersJson = new byte[1024];
    private int usersJsonLength;
    /** Someone left or was replaced since {@link #usersJson} was built: build it again at the next join. */
    private boolean usersJsonStale;
    private boolean closed;

    Room(ServerConfig config, FrameCodec codec, Clock clock, String hostKey) {
        this.config = config;
        this.codec = codec;
        this.clock = clock;
        this.hostKey = hostKey;
        this.history = new History(config.historySize());
        int dedupCapacity = config.dedupCapacity();
        this.sent = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<SentKey, Frame.Msg> eldest) {
                return size() > dedupCapacity;
            }
        };
    }

    /**
     * Admits a connection that said hello: checks it, sends {@code welcome} and the replay, and
     * tells the room. A connection holding the nick under the same session is replaced silently.
     *
     * @throws ProtocolException the closing error to answer with
     */
    synchronized void join(Connection c, Frame.Hello hello) throws ProtocolException {
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
        Connection previous = members.get(key);
        if (previous != null && !sameSession) {
            throw new ProtocolException(ErrorCode.NICK_TAKEN, "The name " + nick + " is already in use.");
        }
        String session = sameSession ? known : newToken();
        sessions.put(key, session);
        Role role = host ? Role.HOST : Role.GUEST;
        c.admitted(nick, key, role);
        members.put(key, c);
        if (previous != null || usersJsonStale) {
            rebuildUsersJson();
        } else {
            appendUserJson(c);
        }
        if (previous != null) {
            previous.replaced();
            LOG.log(System.Logger.Level.INFO, "{0} reconnected from {1}, replacing the older connection",
                    nick, c.remote());
        }

        List<byte[]> replay = replayFor(hello.since());
        boolean gap = hello.since() != null && isGap(hello.since());
        var welcome = new Frame.Welcome(Frame.VERSION, config.roomName(), nick, List.of(), replay.size(), gap,
                session, new Frame.Limits(Limits.MAX_TEXT, Limits.MAX_FRAME));
        queueWelcome(c.outbox(), codec.encode(welcome));
        replay.forEach(c.outbox()::offerUnbounded);
        if (previous == null) {
            LOG.log(System.Logger.Level.INFO, "{0} joined as {1} from {2}", nick,
                    role.name().toLowerCase(java.util.Locale.ROOT), c.remote());
            broadcast(new Frame.Joined(history.nextSeq(), nick, role, now()));
        }
    }

    /** A participant says something; answers a resent id with the original to the sender alone. */
    synchronized void say(Connection c, String id, String text) {
        if (closed || members.get(c.key()) != c) {
            return;
        }
        var dedupKey = new SentKey(c.key(), id);
        Frame.Msg original = sent.get(dedupKey);
        if (original != null) {
            if (!c.outbox().offer(codec.encode(original))) {
                dropSlow(List.of(c));
            }
            return;
        }
        var msg = new Frame.Msg(history.nextSeq(), id, c.nick(), c.role(), text, now());
        sent.put(dedupKey, msg);
        broadcast(msg);
    }

    /** Relays typing to everyone else; typing is not a room event. */
    synchronized void typing(Connection c, boolean active) {
        if (closed || members.get(c.key()) != c) {
            return;
        }
        byte[] frame = codec.encode(new Frame.Typing(c.nick(), active));
        List<Connection> slow = new ArrayList<>();
        for (Connection other : members.values()) {
            if (other != c && !other.outbox().offerSoon(frame)) {
                slow.add(other);
            }
        }
        dropSlow(slow);
    }

    /** A participant is gone; the room hears why unless it was replaced by its own reconnect. */
    synchronized void leave(Connection c, LeaveReason reason) {
        if (c.key() == null || members.get(c.key()) != c) {
            return;
        }
        members.remove(c.key());
        usersJsonStale = true;
        LOG.log(System.Logger.Level.INFO, "{0} left ({1})", c.nick(),
                reason.name().toLowerCase(java.util.Locale.ROOT));
        if (!closed) {
            broadcast(new Frame.Left(history.nextSeq(), c.nick(), reason, now()));
        }
    }

    synchronized int size() {
        return members.size();
    }

    synchronized List<Frame.User> users() {
        List<Frame.User> users = new ArrayList<>(members.size());
        for (Connection m : members.values()) {
            users.add(new Frame.User(m.nick(), m.role()));
        }
        return users;
    }

    /** Closes the room to new events; returns who was in it. */
    synchronized List<Connection> close() {
        closed = true;
        return new ArrayList<>(members.values());
    }

    /**
     * Queues the welcome with the member list where its empty {@code "users":[]} is. Encoding
     * thousands of members for every joiner would make a join storm quadratic in Jackson work, and
     * copying them quadratic in memory: the list is kept encoded in an array that only grows, and
     * the joiner's outbox gets the welcome's head, the list's current bytes and its tail. The
     * marker cannot occur earlier: inside a JSON string every quote is escaped.
     */
    private void queueWelcome(Outbox outbox, byte[] emptyWelcome) {
        int at = indexOf(emptyWelcome, EMPTY_USERS, 0) + EMPTY_USERS.length - 1;
        outbox.offerUnbounded(Arrays.copyOfRange(emptyWelcome, 0, at));
        outbox.offerUnbounded(usersJson, usersJsonLength);
        outbox.offerUnbounded(Arrays.copyOfRange(emptyWelcome, at, emptyWelcome.length));
    }

    /** Starts a new array: queued welcomes may still hold the old one. */
    private void rebuildUsersJson() {
        usersJson = new byte[Math.max(1024, usersJsonLength)];
        usersJsonLength = 0;
        usersJsonStale = false;
        for (Connection m : members.values()) {
            appendUserJson(m);
        }
    }

    /** Appends one member's entry, encoded by Jackson exactly as a welcome of just that member would list it. */
    private void appendUserJson(Connection m) {
        byte[] one = codec.encode(new Frame.Welcome(Frame.VERSION, "", "", List.of(new Frame.User(m.nick(), m.role())),
                0, false, null, null));
        int from = indexOf(one, USERS_OPEN, 0) + USERS_OPEN.length;
        int to = indexOf(one, USERS_CLOSE, from);
        int needed = usersJsonLength + (usersJsonLength > 0 ? 1 : 0) + (to - from);
        if (needed > usersJson.length) {
            usersJson = Arrays.copyOf(usersJson, Math.max(needed, usersJson.length * 2));
        }
        if (usersJsonLength > 0) {
            usersJson[usersJsonLength++] = ',';
        }
        System.arraycopy(one, from, usersJson, usersJsonLength, to - from);
        usersJsonLength = needed;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("welcome frame without its users list");
    }

    /** Hands the event to everyone; a message is written this turn, presence may wait a few milliseconds. */
    private void broadcast(Frame.RoomEvent event) {
        byte[] frame = codec.encode(event);
        history.append(frame);
        boolean urgent = event instanceof Frame.Msg;
        List<Connection> slow = null;
        for (Connection m : members.values()) {
            if (!(urgent ? m.outbox().offer(frame) : m.outbox().offerSoon(frame))) {
                if (slow == null) {
                    slow = new ArrayList<>();
                }
                slow.add(m);
            }
        }
        if (slow != null) {
            dropSlow(slow);
        }
    }

    private void dropSlow(List<Connection> slow) {
        for (Connection c : slow) {
            if (members.get(c.key()) == c) {
                LOG.log(System.Logger.Level.WARNING, "{0} cannot keep up ({1} bytes pending); disconnecting",
                        c.nick(), c.outbox().pendingBytes());
                c.dropAsSlow();
                leave(c, LeaveReason.SLOW);
            }
        }
    }

    private List<byte[]> replayFor(Long since) {
        long last = history.lastSeq();
        long from;
        if (since == null || since > last || since < 0) {
            from = Math.max(history.firstSeq(), last - config.replayLimit() + 1);
        } else {
            from = Math.max(history.firstSeq(), since + 1);
        }
        List<byte[]> replay = new ArrayList<>((int) Math.max(0, last - from + 1));
        for (long seq = from; seq <= last; seq++) {
            replay.add(history.get(seq));
        }
        return replay;
    }

    /** Whether events after {@code since} are gone, or {@code since} is from another room's life. */
    private boolean isGap(long since) {
        return since > history.lastSeq() || since < 0 || since + 1 < history.firstSeq();
    }

    private String now() {
        return Timestamps.format(clock.instant());
    }

    private String newToken() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Who sent a message id; resends are recognised by it. */
    private record SentKey(String nickKey, String id) {
    }

    private static boolean secretEquals(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }
}
