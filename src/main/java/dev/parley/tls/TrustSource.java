package dev.parley.tls;

import java.util.Arrays;
import java.util.Optional;

/** How a guest came to trust a host key; stored with the key under its {@link #wire()} name. */
public enum TrustSource {
    /** The person compared the host code and said yes. */
    PROMPT("prompt"),
    /** The key came in an invite line the person pasted. */
    INVITE("invite"),
    /** {@code join --trust-host-key HEX}. */
    COMMAND_LINE("command-line");

    private final String wire;

    TrustSource(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    static Optional<TrustSource> fromWire(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(wire)).findFirst();
    }
}
