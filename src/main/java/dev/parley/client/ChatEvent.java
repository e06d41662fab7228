package dev.parley.client;

import dev.parley.protocol.Frame;

import java.time.Instant;
import java.util.List;

/**
 * What a {@link ChatClient} tells its user, in the order it happened. Replayed history arrives as
 * the same events as live traffic.
 */
public sealed interface ChatEvent {

    /**
     * A welcome: the first connect ({@code resumed == false}) or a reconnect.
     *
     * @param resumed   this is a reconnect
     * @param gap       the host no longer had some events from while this client was away
     * @param restarted the room is not the one this client was in before (another room id, or for a
     *                  host without one, another session token): a new life of the room, whose
     *                  history starts afresh
     * @param roomId    the room's lasting id, or {@code null} from a host that sends none
     * @param ext       the extensions the host granted, name to version (empty: version 1 only)
     */
    record Connected(String room, String you, List<Frame.User> users, boolean resumed, boolean gap,
                     boolean restarted, String roomId, java.util.Map<String, Integer> ext) implements ChatEvent {
        public Connected {
            users = List.copyOf(users);
            ext = ext == null ? java.util.Map.of() : java.util.Map.copyOf(ext);
        }

        /** A welcome from a version-1 host: no room id, no extensions. */
        public Connected(String room, String you, List<Frame.User> users, boolean resumed, boolean gap,
                         boolean restarted) {
            this(room, you, users, resumed, gap, restarted, null, java.util.Map.of());
        }

        /** Whether the host granted this extension ({@link dev.parley.protocol.Extensions}). */
        public boolean granted(String extension) {
            return ext.containsKey(extension);
        }
    }

    /** A chat message; {@code own} when this client sent it, which also means it was delivered. */
    record Message(Frame.Msg msg, boolean own) implements ChatEvent {
    }

    record Joined(Frame.Joined event) implements ChatEvent {
    }

    /**
     * Extension {@code files}: a file was shared in the room (live or replayed); {@code own} when this
     * client offered it, which also means it is stored.
     */
    record FileShared(Frame.FileEvent file, boolean own) implements ChatEvent {
    }

    /** Extension {@code files}: the host no longer has the files with these SHA-256s (evicted). */
    record FilesGone(List<String> sha256s) implements ChatEvent {
        public FilesGone {
            sha256s = List.copyOf(sha256s);
        }
    }

    record Left(Frame.Left event) implements ChatEvent {
    }

    /** Someone else started or stopped typing. */
    record Typing(String nick, boolean active) implements ChatEvent {
    }

    /** The connection is lost, for {@code reason}; the next attempt starts at {@code retryAt}. */
    record Disconnected(Problem reason, Instant retryAt, int attempt) implements ChatEvent {
    }

    /** A reconnect attempt has started. */
    record Reconnecting(int attempt) implements ChatEvent {
    }

    /** The host refused one message for good (it is not pending any more). */
    record SendFailed(String id, String reason) implements ChatEvent {
    }

    /** Something the user should read that does not end the chat. */
    record Notice(String text) implements ChatEvent {
    }

    /**
     * The chat is over: no more events follow.
     *
     * @param refusal for {@link EndReason#REFUSED}, what the host said; else {@code null}
     */
    record Ended(EndReason reason, Problem refusal) implements ChatEvent {
    }

    /** Why a chat ended. */
    enum EndReason {
        /** The host ended the chat for everyone. */
        HOST_ENDED,
        /** This client closed it. */
        CLOSED,
        /**
         * The host refused this client on a reconnect (name taken, password changed…), or came back with
         * another host key ({@link Problem.HostKeyChanged}): {@link Ended#refusal()} says which.
         */
        REFUSED
    }
}
