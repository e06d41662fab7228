package dev.parley.discovery;

/** Whether a TCP connection to a discovered room's source address and port worked. */
public sealed interface Reachability {

    /** Not checked yet, or being checked. */
    record Checking() implements Reachability {
    }

    /** A connection was accepted: the room can be joined from here. */
    record Reachable() implements Reachability {
    }

    /**
     * No connection: {@code reason} says why, {@code detail} is the system's own words for a log.
     */
    record Unreachable(Reason reason, String detail) implements Reachability {
    }

    /** Why a connection failed, each pointing at a different fix. */
    enum Reason {
        /** The machine answered that nothing listens on the port: Parley is not running there, or on another port. */
        REFUSED,
        /** Nothing answered in time: most often a firewall that drops the connection. */
        TIMED_OUT,
        /** The system knows no way to that address. */
        NO_ROUTE,
        /** Anything else. */
        OTHER
    }

    Reachability CHECKING = new Checking();
    Reachability REACHABLE = new Reachable();
}
