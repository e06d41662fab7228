package dev.parley.client;

import dev.parley.protocol.ErrorCode;
import dev.parley.tls.HostCode;
import dev.parley.tls.HostKey;
import dev.parley.tls.TlsConnectException;
import dev.parley.tls.TlsOutcome;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/**
 * Why joining failed or a connection was lost, with the data a sentence about it needs. The app
 * turns each into a sentence from its resource bundle, in the person's language;
 * {@link #describe()} is plain English for logs and terminals, never for a window.
 */
public sealed interface Problem {

    /** English, for logs. */
    String describe();

    /** The host's name does not resolve. */
    record UnknownHost(String host) implements Problem {
        @Override
        public String describe() {
            return "Cannot find " + host + " — check the address.";
        }
    }

    /** Nothing listens at the address (connection refused). */
    record NobodyHosting(String address) implements Problem {
        @Override
        public String describe() {
            return "Nobody is hosting at " + address + " — check the address and that the host is running.";
        }
    }

    /** The network has no way there. */
    record Unreachable(String address) implements Problem {
        @Override
        public String describe() {
            return "Cannot reach " + address + " — check the network.";
        }
    }

    /** Connecting, or waiting for the welcome, took too long. */
    record NoAnswer(String address) implements Problem {
        @Override
        public String describe() {
            return address + " does not answer — check the address and the network.";
        }
    }

    /** Any other network failure. */
    record ConnectionLost(String address) implements Problem {
        @Override
        public String describe() {
            return "Lost the connection to " + address + ".";
        }
    }

    /** The host closed the connection before its welcome. */
    record ClosedBeforeWelcome(String address) implements Problem {
        @Override
        public String describe() {
            return "The host at " + address + " closed the connection before the chat started.";
        }
    }

    /** What answered is not a Parley host. */
    record NotParley(String address) implements Problem {
        @Override
        public String describe() {
            return address + " does not look like a Parley host.";
        }
    }

    /**
     * The host's key is not known yet: the person should compare its code with the host's before
     * anything (the password) is sent. The app asks "Is this the host you meant?".
     *
     * @param presented the key the host proved it holds
     */
    record UnknownHostKey(String address, HostKey presented) implements Problem {
        @Override
        public String describe() {
            return address + " is a host this app has not met: its code is " + HostCode.of(presented) + ".";
        }
    }

    /**
     * The host at this address (or with this room name) used to prove another key: it may be another
     * computer pretending to be it. Nothing was sent to it.
     */
    record HostKeyChanged(String address, HostKey pinned, HostKey presented) implements Problem {
        @Override
        public String describe() {
            return "The host at " + address + " has a different key than before (was " + HostCode.of(pinned) + ", now "
                    + HostCode.of(presented) + "); nothing was sent to it.";
        }
    }

    /** The host speaks Parley without encryption: an older version. Nothing was sent to it. */
    record PlaintextHost(String address) implements Problem {
        @Override
        public String describe() {
            return "The host at " + address + " runs an older Parley without encryption; it needs an update.";
        }
    }

    /** The TLS handshake failed (no common TLS version, a broken certificate signature…). */
    record TlsFailed(String address) implements Problem {
        @Override
        public String describe() {
            return "Could not set up an encrypted connection with " + address + ".";
        }
    }

    /** This app cannot read or write its list of trusted host keys, so it cannot check the host. */
    record NoTrustStore(String folder) implements Problem {
        @Override
        public String describe() {
            return "Cannot read or write the trusted hosts in " + folder + ".";
        }
    }

    /**
     * The host refused this client with an error frame.
     *
     * @param code          the host's error code, or {@code null} for one this version does not know
     * @param nick          the name this client asked for
     * @param passwordGiven whether a password was sent
     * @param hostMessage   the host's own words (English, from the host), or {@code null}
     */
    record Refused(ErrorCode code, String nick, boolean passwordGiven, String hostMessage) implements Problem {
        @Override
        public String describe() {
            if (code == null) {
                return hostMessage != null ? hostMessage : "The host refused to let you in.";
            }
            return switch (code) {
                case NICK_TAKEN -> "The name " + nick + " is taken in this room.";
                case BAD_PASSWORD -> passwordGiven ? "Wrong room password." : "This room needs a password.";
                case SERVER_FULL -> "This chat is full — try again later.";
                case UNSUPPORTED_VERSION -> "The host runs a Parley that speaks another protocol version.";
                case NICK_INVALID -> hostMessage != null ? hostMessage : "That name cannot be used.";
                case HELLO_TIMEOUT -> "The host gave up waiting for this app to introduce itself.";
                default -> "The host refused the connection: " + hostMessage;
            };
        }

        /** Whether trying again cannot help: the name, password or version must change first. */
        public boolean isFinal() {
            return code == ErrorCode.NICK_TAKEN || code == ErrorCode.BAD_PASSWORD
                    || code == ErrorCode.NICK_INVALID || code == ErrorCode.UNSUPPORTED_VERSION;
        }
    }

    /** The host went silent past the silence limit. */
    record HostSilent() implements Problem {
        @Override
        public String describe() {
            return "The host stopped answering.";
        }
    }

    /** The host closed a chat that was going on. */
    record HostClosed() implements Problem {
        @Override
        public String describe() {
            return "The host closed the connection.";
        }
    }

    /**
     * The host stopped for a restart ({@code bye} with reason {@code restart}): its room goes on from
     * its history once it is back, and this client comes back by itself.
     */
    record HostRestarting() implements Problem {
        @Override
        public String describe() {
            return "The host is restarting.";
        }
    }

    /** The host sent a frame this client cannot read. */
    record Unreadable() implements Problem {
        @Override
        public String describe() {
            return "The host sent something this app cannot read.";
        }
    }

    /** This side gave up the attempt. */
    record Cancelled() implements Problem {
        @Override
        public String describe() {
            return "Cancelled.";
        }
    }

    /**
     * Whether trying again cannot help and the chat ends: the name, password or version must change
     * first, or the host's key changed (or was never accepted).
     */
    default boolean endsChat() {
        return switch (this) {
            case Refused r -> r.isFinal();
            case HostKeyChanged c -> true;
            case UnknownHostKey u -> true;
            default -> false;
        };
    }

    /** The problem an I/O failure toward {@code config}'s host stands for. */
    static Problem of(IOException e, ClientConfig config) {
        String where = config.address();
        return switch (e) {
            case HostKeyException k -> switch (k.outcome()) {
                case TlsOutcome.UnknownKey u -> new UnknownHostKey(where, u.presented());
                case TlsOutcome.ChangedKey c -> new HostKeyChanged(where, c.pinned(), c.presented());
                case TlsOutcome.Secured s -> new ConnectionLost(where);
            };
            case TlsConnectException t -> switch (t.problem()) {
                case PLAINTEXT_HOST -> new PlaintextHost(where);
                case NOT_TLS -> new NotParley(where);
                case NO_ANSWER -> new NoAnswer(where);
                case HANDSHAKE_FAILED -> new TlsFailed(where);
            };
            case UnknownHostException ignored -> new UnknownHost(config.host());
            case ConnectException ignored -> new NobodyHosting(where);
            case NoRouteToHostException ignored -> new Unreachable(where);
            case SocketTimeoutException ignored -> new NoAnswer(where);
            default -> new ConnectionLost(where);
        };
    }
}
