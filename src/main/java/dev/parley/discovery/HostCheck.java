package dev.parley.discovery;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * An extra check the troubleshooter runs on a host once a TCP connection to it worked. The TLS
 * handshake and host-key check plug in here when the transport has TLS; today none is registered,
 * and the troubleshooter says nothing about TLS rather than pretend it checked.
 */
@FunctionalInterface
public interface HostCheck {

    /** Checks {@code reached}; blocks at most a few seconds, off the FX thread. */
    List<Finding> check(InetSocketAddress reached);
}
