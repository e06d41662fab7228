package dev.parley.client;

import dev.parley.tls.HostKey;
import dev.parley.tls.TrustSource;

/**
 * Which host key a TLS join accepts ({@link TlsDialer}). Immutable; any thread.
 */
public sealed interface HostTrust {

    /**
     * Only this key: it came with an invite line, {@code join --trust-host-key}, a yes in the first-use
     * prompt, or it is the host's own window joining its own room. Any other key ends the attempt as a
     * {@link Problem.HostKeyChanged} before {@code hello} is written.
     *
     * @param key the key the host must present
     * @param how how the person came to trust it, recorded in the trust store once the key is seen;
     *            {@code null} records nothing (the host's own window)
     */
    record Expect(HostKey key, TrustSource how) implements HostTrust {
        public Expect {
            if (key == null) {
                throw new IllegalArgumentException("an expected host key is required");
            }
        }
    }

    /**
     * Whatever the trust store trusts. A key it does not know is a {@link Problem.UnknownHostKey} (the
     * app asks the person); one where it pinned another key for this address, or for {@code room}, is a
     * {@link Problem.HostKeyChanged}.
     *
     * @param room the room's name as a LAN announcement gave it, or {@code null} (a typed address)
     */
    record Stored(String room) implements HostTrust {
    }

    /** The trust store decides, by address only. */
    static HostTrust stored() {
        return new Stored(null);
    }

    /** Only {@code key}, recorded as trusted the way {@code how} says. */
    static HostTrust expect(HostKey key, TrustSource how) {
        return new Expect(key, how);
    }
}
