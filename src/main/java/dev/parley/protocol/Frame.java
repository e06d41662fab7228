package dev.parley.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

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
    @JsonPropertyOrder({"type", "v", "nick", "client", "password", "since", "session", "hostKey"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Hello(@JsonProperty("v") Integer v,
                 @JsonProperty("nick") String nick,
                 @JsonProperty("client") String client,
                 @JsonProperty("password") String password,
                 @JsonProperty("since") Long since,
                 @JsonProperty("session") String session,
                 @JsonProperty("hostKey") String hostKey) implements Frame {
        public static final String TYPE = "hello";

        public Hello(String nick, String client) {
            this(VERSION, nick, client, null, null, null, null);
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

    /** The server's answer to a valid {@link Hello}; {@code history} replayed events follow it. */
    @JsonPropertyOrder({"type", "v", "room", "you", "users", "history", "gap", "session", "limits"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Welcome(@JsonProperty("v") int v,
                   @JsonProperty("room") String room,
                   @JsonProperty("you") String you,
                   @JsonProperty("users") List<User> users,
                   @JsonProperty("history") int history,
                   @JsonProperty("gap") boolean gap,
                   @JsonProperty("session") String session,
                   @JsonProperty("limits") Limits limits) implements Frame {
        public static final String TYPE = "welcome";

        public Welcome {
            users = users == null ? List.of() : List.copyOf(users);
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

    /** Leaving: from a client without reason; from the server with reason {@code shutdown}. */
    @JsonPropertyOrder({"type", "reason"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Bye(@JsonProperty("reason") String reason) implements Frame {
        public static final String TYPE = "bye";
        public static final String SHUTDOWN = "shutdown";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * An error; {@code code} is one of {@link ErrorCode}'s wire names, kept as a string so a
     * client still reads codes a newer server adds.
     */
    @JsonPropertyOrder({"type", "code", "message", "ref", "supported"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Error(@JsonProperty("code") String code,
                 @JsonProperty("message") String message,
                 @JsonProperty("ref") String ref,
                 @JsonProperty("supported") List<Integer> supported) implements Frame {
        public static final String TYPE = "error";

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
}
