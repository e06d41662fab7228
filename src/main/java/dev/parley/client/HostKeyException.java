package dev.parley.client;

import dev.parley.tls.TlsOutcome;

import java.io.IOException;

/**
 * The TLS handshake worked but the host's key is not one to send {@code hello} to: unknown (ask the
 * person) or changed (warn). Nothing was written; the connection is closed. {@link Problem#of} turns it
 * into {@link Problem.UnknownHostKey} or {@link Problem.HostKeyChanged}.
 */
final class HostKeyException extends IOException {
    private final transient TlsOutcome outcome;

    HostKeyException(TlsOutcome outcome, String address) {
        super(switch (outcome) {
            case TlsOutcome.UnknownKey u -> address + " shows a host key this app does not know: " + u.presented();
            case TlsOutcome.ChangedKey c -> address + " shows host key " + c.presented() + " instead of the pinned "
                    + c.pinned();
            case TlsOutcome.Secured s -> throw new IllegalArgumentException("a secured connection is no problem");
        });
        this.outcome = outcome;
    }

    TlsOutcome outcome() {
        return outcome;
    }
}
