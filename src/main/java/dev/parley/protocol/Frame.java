package dev.parley.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/**
 * Every frame of Parley protocol version 1 (see {@code docs/protocol.md}).
 *
 * <p>Each frame is a record; its wire name is the constant returned by {@link #type()}, which
 * the codec writes as the {@code "type"} member. Optional members are {@code null} when absent
 * and are left out on the wire. Records are immutable and safe to share between threads.
 */
public sealed interface Frame {

    /** The protocol version this code speaks. */
    int VERSION = 1;

    /** The wire name of this frame, the value of its {@code "type"} member. */
    @JsonProperty("type")
    String type();

    /** A room event: it has a {@code seq} and is kept in the room's history. */
    sealed interface RoomEvent extends Frame {
        long seq();

        String ts();
    }

    /** First frame of every client: who it is and where it resumes. */
    /**
     * @param ext the extensions this client speaks, name to highest version ({@link Extensions}); {@code null}
     *            for none
     */
    @JsonPropertyOrder({"type", "v", "nick", "client", "password", "since", "session", "hostKey", "ext"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Hello(@JsonProperty("v") Integer v,
                 @JsonProperty("nick") String nick,
                 @JsonProperty("client") String client,
                 @JsonProperty("password") String password,
                 @JsonProperty("since") Long since,
                 @JsonProperty("session") String session,
                 @JsonProperty("hostKey") String hostKey,
                 @JsonProperty("ext") Map<String, Integer> ext) implements Frame {
        public static final String TYPE = "hello";

        public Hello {
            ext = ext == null ? null : Map.copyOf(ext);
        }

        /** A version-1 hello without extensions. */
        public Hello(Integer v, String nick, String client, String password, Long since, String session,
                     String hostKey) {
            this(v, nick, client, password, since, session, hostKey, null);
        }

        public Hello(String nick, String client) {
            this(VERSION, nick, client, null, null, null, null, null);
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** One member of the room as listed in {@link Welcome#users()}. */
    record User(@JsonProperty("nick") String nick, @JsonProperty("role") Role role) {
    }

    /** The limits the server enforces, sent in {@link Welcome#limits()}. */
    record Limits(@JsonProperty("maxText") int maxText, @JsonProperty("maxFrame") int maxFrame) {
    }

    /**
     * The server's answer to a valid {@link Hello}; {@code history} replayed events follow it.
     *
     * @param roomId the room's lasting identity: the same across host restarts, so a client that
     *               sees it again resumes where it was; {@code null} from a host that has none
     * @param ext    the extensions granted to this connection, name to version; {@code null} for none
     * @param files  extension {@code files}: this connection's download key and the per-file cap; {@code null}
     *               unless granted
     */
    @JsonPropertyOrder({"type", "v", "room", "you", "users", "history", "gap", "session", "limits", "roomId", "ext",
            "files"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Welcome(@JsonProperty("v") int v,
                   @JsonProperty("room") String room,
                   @JsonProperty("you") String you,
                   @JsonProperty("users") List<User> users,
                   @JsonProperty("history") int history,
                   @JsonProperty("gap") boolean gap,
                   @JsonProperty("session") String session,
                   @JsonProperty("limits") Limits limits,
                   @JsonProperty("roomId") String roomId,
                   @JsonProperty("ext") Map<String, Integer> ext,
                   @JsonProperty("files") FilesGrant files) implements Frame {
        public static final String TYPE = "welcome";

        public Welcome {
            users = users == null ? List.of() : List.copyOf(users);
            ext = ext == null || ext.isEmpty() ? null : Map.copyOf(ext);
        }

        /** A welcome without the {@code files} member. */
        public Welcome(int v, String room, String you, List<User> users, int history, boolean gap, String session,
                       Limits limits, String roomId, Map<String, Integer> ext) {
            this(v, room, you, users, history, gap, session, limits, roomId, ext, null);
        }

        /** A version-1 welcome: no room id, no extensions. */
        public Welcome(int v, String room, String you, List<User> users, int history, boolean gap, String session,
                       Limits limits) {
            this(v, room, you, users, history, gap, session, limits, null, null, null);
        }

        /** The version of extension {@code name} granted here, or 0 when it is not. */
        public int granted(String name) {
            Integer version = ext == null ? null : ext.get(name);
            return version == null ? 0 : version;
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** A chat message as the room saw it. */
    @JsonPropertyOrder({"type", "seq", "id", "from", "role", "text", "ts"})
    record Msg(@JsonProperty("seq") long seq,
               @JsonProperty("id") String id,
               @JsonProperty("from") String from,
               @JsonProperty("role") Role role,
               @JsonProperty("text") String text,
               @JsonProperty("ts") String ts) implements RoomEvent {
        public static final String TYPE = "msg";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** Someone entered the room. */
    @JsonPropertyOrder({"type", "seq", "nick", "role", "ts"})
    record Joined(@JsonProperty("seq") long seq,
                  @JsonProperty("nick") String nick,
                  @JsonProperty("role") Role role,
                  @JsonProperty("ts") String ts) implements RoomEvent {
        public static final String TYPE = "joined";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** Someone left the room, and why. */
    @JsonPropertyOrder({"type", "seq", "nick", "reason", "ts"})
    record Left(@JsonProperty("seq") long seq,
                @JsonProperty("nick") String nick,
                @JsonProperty("reason") LeaveReason reason,
                @JsonProperty("ts") String ts) implements RoomEvent {
        public static final String TYPE = "left";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** A client's request to say something; the room answers with a {@link Msg}. */
    @JsonPropertyOrder({"type", "id", "text"})
    record Send(@JsonProperty("id") String id, @JsonProperty("text") String text) implements Frame {
        public static final String TYPE = "send";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** Typing state: without {@code nick} from a client, with it when relayed by the server. */
    @JsonPropertyOrder({"type", "nick", "active"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Typing(@JsonProperty("nick") String nick, @JsonProperty("active") boolean active) implements Frame {
        public static final String TYPE = "typing";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** Heartbeat request; answered by a {@link Pong} with the same {@code n}. */
    @JsonPropertyOrder({"type", "n"})
    record Ping(@JsonProperty("n") long n) implements Frame {
        public static final String TYPE = "ping";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** Heartbeat answer. */
    @JsonPropertyOrder({"type", "n"})
    record Pong(@JsonProperty("n") long n) implements Frame {
        public static final String TYPE = "pong";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * Leaving: from a client without reason; from the server with reason {@code shutdown} (the chat
     * ended) or {@code restart} (the host stops but keeps the room on disk: come back, as after a
     * lost connection).
     */
    @JsonPropertyOrder({"type", "reason"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Bye(@JsonProperty("reason") String reason) implements Frame {
        public static final String TYPE = "bye";
        public static final String SHUTDOWN = "shutdown";
        public static final String RESTART = "restart";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * An error; {@code code} is one of {@link ErrorCode}'s wire names (or an extension's, such as
     * {@code file_too_large}), kept as a string so a client still reads codes a newer server adds.
     * {@code retry}: extension {@code files}, for {@code upload_rate}, in how many whole seconds the
     * offer would pass; {@code null} otherwise.
     */
    @JsonPropertyOrder({"type", "code", "message", "ref", "retry", "supported"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Error(@JsonProperty("code") String code,
                 @JsonProperty("message") String message,
                 @JsonProperty("ref") String ref,
                 @JsonProperty("retry") Long retry,
                 @JsonProperty("supported") List<Integer> supported) implements Frame {
        public static final String TYPE = "error";

        /** An error without {@code retry}. */
        public Error(String code, String message, String ref, List<Integer> supported) {
            this(code, message, ref, null, supported);
        }

        public static Error of(ErrorCode code, String message) {
            return new Error(code.wire(), message, null, null);
        }

        public static Error of(ErrorCode code, String message, String ref) {
            return new Error(code.wire(), message, ref, null);
        }

        /** The known code, or {@code null} for a code this version does not know. */
        public ErrorCode known() {
            return ErrorCode.fromWire(code);
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * Extension {@code history}: asks for stored room events. Exactly one of {@code before},
     * {@code after} and {@code around} is set; see docs/protocol.md, "History".
     *
     * @param ref    the client's name for the request, echoed in the {@link Page}
     * @param limit  most events wanted; the host caps it ({@code null}: the host's default)
     */
    @JsonPropertyOrder({"type", "ref", "before", "after", "around", "limit"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record History(@JsonProperty("ref") String ref,
                   @JsonProperty("before") Long before,
                   @JsonProperty("after") Long after,
                   @JsonProperty("around") Long around,
                   @JsonProperty("limit") Integer limit) implements Frame {
        public static final String TYPE = "history";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * Extension {@code history}: the answer to a {@link History}, a run of stored events oldest first.
     *
     * @param moreBefore older events exist before the first one (or before the anchor, when empty)
     * @param moreAfter  newer events exist after the last one
     */
    @JsonPropertyOrder({"type", "ref", "events", "moreBefore", "moreAfter"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Page(@JsonProperty("ref") String ref,
                @JsonProperty("events") List<RoomEvent> events,
                @JsonProperty("moreBefore") boolean moreBefore,
                @JsonProperty("moreAfter") boolean moreAfter) implements Frame {
        public static final String TYPE = "page";

        public Page {
            events = events == null ? List.of() : List.copyOf(events);
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * Extension {@code search}: full-text search of the room's messages, newest first.
     *
     * @param q      the words, at most {@link Extensions#MAX_SEARCH} characters
     * @param before only messages with a lower {@code seq} (paging); {@code null} for the newest
     */
    @JsonPropertyOrder({"type", "ref", "q", "before", "limit"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Search(@JsonProperty("ref") String ref,
                  @JsonProperty("q") String q,
                  @JsonProperty("before") Long before,
                  @JsonProperty("limit") Integer limit) implements Frame {
        public static final String TYPE = "search";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** Where a search matched in a message's {@code text}: UTF-16 offsets, {@code end} exclusive. */
    record Range(@JsonProperty("start") int start, @JsonProperty("end") int end) {
    }

    /** One message a search found, with where its words matched. */
    @JsonPropertyOrder({"event", "match"})
    record Hit(@JsonProperty("event") RoomEvent event, @JsonProperty("match") List<Range> match) {
        public Hit {
            match = match == null ? List.of() : List.copyOf(match);
        }
    }

    /**
     * Extension {@code search}: the answer to a {@link Search}, newest first.
     *
     * @param more older matches exist: ask again with the last hit's {@code seq} as {@code before}
     */
    @JsonPropertyOrder({"type", "ref", "hits", "more"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Found(@JsonProperty("ref") String ref,
                 @JsonProperty("hits") List<Hit> hits,
                 @JsonProperty("more") boolean more) implements Frame {
        public static final String TYPE = "found";

        public Found {
            hits = hits == null ? List.of() : List.copyOf(hits);
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** Extension {@code files}: this connection's download key and the per-file cap, in {@link Welcome#files()}. */
    @JsonPropertyOrder({"key", "maxSize"})
    record FilesGrant(@JsonProperty("key") String key, @JsonProperty("maxSize") long maxSize) {
    }

    /**
     * Extension {@code files}: a sender offers a file to the room before any byte moves; the host answers
     * {@link OfferOk} or an {@link Error} with {@code ref} (docs/protocol.md, "Files").
     *
     * @param media the media type the sender's system claims, or {@code null}; informational only
     */
    @JsonPropertyOrder({"type", "id", "name", "size", "sha256", "media"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Offer(@JsonProperty("id") String id,
                 @JsonProperty("name") String name,
                 @JsonProperty("size") Long size,
                 @JsonProperty("sha256") String sha256,
                 @JsonProperty("media") String media) implements Frame {
        public static final String TYPE = "offer";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** Extension {@code files}: an offer accepted; upload its bytes over a transfer connection with {@code token}. */
    @JsonPropertyOrder({"type", "ref", "token"})
    record OfferOk(@JsonProperty("ref") String ref, @JsonProperty("token") String token) implements Frame {
        public static final String TYPE = "offer_ok";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * Extension {@code files}: a file stored on the host, as the room saw it. A room event (sequenced,
     * replayed, paged); a connection without the extension gets a plain {@link Msg} at the same
     * {@code seq} instead ({@link #fallback()}).
     *
     * @param name       the host's sanitised name
     * @param media      sniffed from the stored bytes
     * @param w          for previewable images, pixels across as meant to be seen; else {@code null}
     * @param h          likewise, pixels down
     * @param thumb      base64 of a small preview (at most 16 KiB before base64), or {@code null}
     * @param thumbMedia {@code image/jpeg} or {@code image/png}, with {@code thumb}
     */
    @JsonPropertyOrder({"type", "seq", "id", "from", "role", "name", "size", "media", "sha256", "w", "h", "thumb",
            "thumbMedia", "ts"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FileEvent(@JsonProperty("seq") long seq,
                     @JsonProperty("id") String id,
                     @JsonProperty("from") String from,
                     @JsonProperty("role") Role role,
                     @JsonProperty("name") String name,
                     @JsonProperty("size") long size,
                     @JsonProperty("media") String media,
                     @JsonProperty("sha256") String sha256,
                     @JsonProperty("w") Integer w,
                     @JsonProperty("h") Integer h,
                     @JsonProperty("thumb") String thumb,
                     @JsonProperty("thumbMedia") String thumbMedia,
                     @JsonProperty("ts") String ts) implements RoomEvent {
        public static final String TYPE = "file";

        @Override
        public String type() {
            return TYPE;
        }

        /**
         * The plain message a version-1 connection gets at the same {@code seq}: id {@code x-} and this
         * event's id, the same sender, role and time, and a sentence naming the file.
         */
        public Msg fallback() {
            return new Msg(seq, "x-" + id, from, role, fallbackText(name, size), ts);
        }

        /** {@code 📎 holiday.jpg (2.1 MB): open Parley to download}. */
        public static String fallbackText(String name, long size) {
            return "\uD83D\uDCCE " + name + " (" + FileSizes.format(size) + "): open Parley to download";
        }
    }

    /**
     * Extension {@code files}: stored files were removed to make room (or are gone otherwise); not a
     * room event, never kept. A window shows their {@link FileEvent}s as no longer available.
     */
    @JsonPropertyOrder({"type", "sha256"})
    record FileGone(@JsonProperty("sha256") List<String> sha256) implements Frame {
        public static final String TYPE = "file_gone";

        public FileGone {
            sha256 = sha256 == null ? List.of() : List.copyOf(sha256);
        }

        @Override
        public String type() {
            return TYPE;
        }
    }
}
