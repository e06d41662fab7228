package dev.parley.discovery;

/** A datagram that is not a Parley discovery datagram we accept; the message says why, for a debug log. */
public final class DatagramException extends Exception {

    public DatagramException(String reason) {
        super(reason, null, false, false);
    }
}
