package dev.parley.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Who may use which name: one session per name, with a lasting id and a bearer token that changes
 * on every resume. A member who drops without {@code bye} keeps the name for their session for the
 * hold time; anyone else asking for it meanwhile is refused, and only the session's token brings
 * it back. A {@code bye}, an expired hold or a session that never showed it got its token ends the
 * session, and with it every bit of state kept for that name.
 *
 * <p>Tokens: the welcome carries a new one each time. The token used to come back keeps working
 * only until the new connection is heard from after its welcome (so a welcome lost to a cut does
 * not lock its owner out), then never again. Only SHA-256 hashes of tokens are kept.
 *
 * <p>Memory: connected sessions (at most the connection limit) plus held ones, at most
 * {@code maxHeld}; past that the oldest hold ends early. Loop thread only, under the room's lock.
 */
final class Sessions {
    private static final int TOKEN_BYTES = 18;
    private static final int ID_BYTES = 12;

    /** One name's session. */
    static final class Session {
        final String id;
        final String key;
        String nick;
        byte[] tokenHash;
        byte[] previousHash;
        Member member;
        /** The connection holding it was heard from after its welcome: its holder has the token. */
        boolean confirmed;
        long heldUntil;
        long lastSeenMillis;

        Session(String id, String key, String nick) {
            this.id = id;
            this.key = key;
            this.nick = nick;
        }

        SessionRecord record() {
            return new SessionRecord(id, key, nick, tokenHash, previousHash, lastSeenMillis);
        }
    }

    /** What a hello gets. */
    sealed interface Admission {
        /** Someone else's session holds the name. */
        record Taken() implements Admission {
        }

        /**
         * The name is this hello's: a new session, or its own session resumed.
         *
         * @param previous the session's connected member, which the new connection replaces; or {@code null}
         * @param token    the token the welcome carries
         */
        record Admitted(Session session, boolean resumed, Member previous, String token) implements Admission {
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> byKey = new HashMap<>();
    /** Dropped sessions by id, oldest hold first. */
    private final LinkedHashMap<String, Session> held = new LinkedHashMap<>();
    private final long holdNanos;
    private final int maxHeld;
    private final Consumer<Session> saved;
    private final Consumer<Session> ended;

    /**
     * @param saved told when a session's lasting part changes (the room persists it)
     * @param ended told when a session ends (the room forgets its message ids and its record)
     */
    Sessions(long holdNanos, int maxHeld, Consumer<Session> saved, Consumer<Session> ended) {
        this.holdNanos = holdNanos;
        this.maxHeld = maxHeld;
        this.saved = saved;
        this.ended = ended;
    }

    /** Takes back sessions a restarted room kept: each is held from now on, as after a drop. */
    void restore(Iterable<SessionRecord> records, long now) {
        for (SessionRecord r : records) {
            if (byKey.containsKey(r.key())) {
                continue;
            }
            var s = new Session(r.id(), r.key(), r.nick());
            s.tokenHash = r.tokenHash();
            s.previousHash = r.previousHash();
            s.lastSeenMillis = r.lastSeenMillis();
            s.confirmed = true;
            byKey.put(s.key, s);
            hold(s, now);
        }
    }

    /**
     * Decides a hello for the name with this key. An admitted hello's session gets a new token at
     * once (in the result); the caller then {@link #attach}es the new member.
     */
    Admission admit(String key, String nick, String token, long now) {
        Session s = byKey.get(key);
        if (s != null && token != null) {
            byte[] given = hash(token);
            boolean current = MessageDigest.isEqual(given, s.tokenHash);
            if (current || (s.previousHash != null && MessageDigest.isEqual(given, s.previousHash))) {
                Member previous = s.member;
                held.remove(s.id);
                s.previousHash = given;
                s.nick = nick;
                String next = newToken();
                s.tokenHash = hash(next);
                s.confirmed = false;
                return new Admission.Admitted(s, true, previous, next);
            }
        }
        if (s != null) {
            if (s.member != null || now - s.heldUntil < 0) {
                return new Admission.Taken();
            }
            end(s);
        }
        s = new Session(newId(), key, nick);
        String first = newToken();
        s.tokenHash = hash(first);
        byKey.put(key, s);
        return new Admission.Admitted(s, false, null, first);
    }

    /** The welcomed member now holds its session. */
    void attach(Session s, Member member, long nowMillis) {
        s.member = member;
        s.lastSeenMillis = nowMillis;
        if (s.confirmed || s.previousHash != null) {
            saved.accept(s);
        }
    }

    /** The member's connection sent a frame after its welcome: it has the token, the one before is retired. */
    void heard(Member member) {
        Session s = byKey.get(member.key());
        if (s == null || s.member != member || s.confirmed) {
            return;
        }
        s.confirmed = true;
        s.previousHash = null;
        saved.accept(s);
    }

    /**
     * The member is gone. After {@code bye} the session ends; after a drop it is held, unless its
     * holder never showed it got a token (then nobody could come back with one).
     */
    void left(Member member, boolean quit, long now, long nowMillis) {
        Session s = byKey.get(member.key());
        if (s == null || s.member != member) {
            return;
        }
        s.member = null;
        s.lastSeenMillis = nowMillis;
        if (quit || (!s.confirmed && s.previousHash == null)) {
            end(s);
            return;
        }
        hold(s, now);
        saved.accept(s);
    }

    /** Ends holds that ran out. */
    void expire(long now) {
        for (Iterator<Session> it = held.values().iterator(); it.hasNext(); ) {
            Session s = it.next();
            if (now - s.heldUntil < 0) {
                return;
            }
            it.remove();
            byKey.remove(s.key);
            ended.accept(s);
        }
    }

    /** Whether {@code token} would bring back the session that holds this name (for admission checks). */
    boolean opens(String key, String token) {
        Session s = byKey.get(key);
        if (s == null || token == null) {
            return false;
        }
        byte[] given = hash(token);
        return MessageDigest.isEqual(given, s.tokenHash)
                || (s.previousHash != null && MessageDigest.isEqual(given, s.previousHash));
    }

    /** Sessions kept now, connected and held. */
    int size() {
        return byKey.size();
    }

    int heldCount() {
        return held.size();
    }

    private void hold(Session s, long now) {
        s.heldUntil = now + holdNanos;
        held.remove(s.id);
        held.put(s.id, s);
        while (held.size() > maxHeld) {
            Session oldest = held.values().iterator().next();
            end(oldest);
        }
    }

    private void end(Session s) {
        held.remove(s.id);
        byKey.remove(s.key);
        ended.accept(s);
    }

    private String newToken() {
        return random(TOKEN_BYTES);
    }

    private String newId() {
        return random(ID_BYTES);
    }

    private String random(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
