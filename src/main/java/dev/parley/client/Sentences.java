package dev.parley.client;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/** Turns what went wrong into a sentence for a person. */
final class Sentences {
    private Sentences() {
    }

    static String connectFailure(ClientConfig config, IOException e) {
        String where = config.address();
        return switch (e) {
            case UnknownHostException ignored -> "Cannot find " + config.host() + " — check the address.";
            case ConnectException ignored -> "Nobody is hosting at " + where
                    + " — check the address and that the host is running.";
            case NoRouteToHostException ignored -> "Cannot reach " + where + " — check the network.";
            case SocketTimeoutException ignored -> where + " does not answer — check the address and the network.";
            default -> "Lost the connection to " + where + ".";
        };
    }

    static String refusal(ClientConfig config, Frame.Error error) {
        ErrorCode code = error.known();
        if (code == null) {
            return error.message() != null ? error.message() : "The host refused to let you in.";
        }
        return switch (code) {
            case NICK_TAKEN -> "The name " + config.nick().strip() + " is taken in this room.";
            case BAD_PASSWORD -> config.password() == null ? "This room needs a password." : "Wrong room password.";
            case SERVER_FULL -> "This chat is full — try again later.";
            case UNSUPPORTED_VERSION -> "The host runs a Parley that speaks another protocol version.";
            case NICK_INVALID -> error.message() != null ? error.message() : "That name cannot be used.";
            case HELLO_TIMEOUT -> "The host gave up waiting for this app to introduce itself.";
            default -> "The host refused the connection: " + error.message();
        };
    }

    static String notParley(ClientConfig config) {
        return config.address() + " does not look like a Parley host.";
    }
}
