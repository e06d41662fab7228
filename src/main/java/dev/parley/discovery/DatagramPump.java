package dev.parley.discovery;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.function.BiConsumer;

/**
 * The reading loop both ends share: receives on a {@link DiscoveryChannel}, drops what is
 * oversized, off-link, too frequent from one source or not a valid datagram (one debug line each),
 * and hands the rest to a handler together with the packet's source address. Never lets an
 * exception end the loop; ends when the channel is closed.
 */
final class DatagramPump implements Runnable {
    private static final System.Logger LOG = System.getLogger(DatagramPump.class.getName());

    private final DiscoveryChannel channel;
    private final DatagramCodec codec = new DatagramCodec();
    private final SourceLimiter limiter;
    private final BiConsumer<InetSocketAddress, Datagram> handler;
    private volatile boolean closed;

    /** @param handler called on the pump's thread for every accepted datagram */
    DatagramPump(DiscoveryChannel channel, DiscoveryConfig config, Clock clock,
                 BiConsumer<InetSocketAddress, Datagram> handler) {
        this.channel = channel;
        this.limiter = new SourceLimiter(clock, config.perSourceRate(), config.perSourceBurst());
        this.handler = handler;
    }

    /** Starts the loop on a daemon thread of its own. */
    Thread start(String name) {
        return Thread.ofPlatform().daemon().name(name).start(this);
    }

    void stop() {
        closed = true;
    }

    @Override
    public void run() {
        // One byte more than allowed, so an oversized datagram shows as such instead of being cut.
        ByteBuffer buffer = ByteBuffer.allocate(DatagramCodec.MAX_DATAGRAM + 1);
        while (!closed) {
            InetSocketAddress source;
            try {
                source = (InetSocketAddress) channel.receive(buffer);
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(System.Logger.Level.DEBUG, "discovery: socket closed: {0}", e.getMessage());
                }
                return;
            }
            try {
                handle(source, buffer);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "discovery: a datagram from " + source + " broke its handler", e);
            }
        }
    }

    private void handle(InetSocketAddress source, ByteBuffer buffer) {
        if (source == null) {
            return;
        }
        buffer.flip();
        int length = buffer.remaining();
        if (length > DatagramCodec.MAX_DATAGRAM) {
            LOG.log(System.Logger.Level.DEBUG, "discovery: ignored an oversized datagram from {0}", source);
            return;
        }
        if (source.getPort() == 0 || !LocalNetwork.onLink(source.getAddress(), channel.adapters())) {
            LOG.log(System.Logger.Level.DEBUG, "discovery: ignored a datagram from {0}, which is not on a local"
                    + " network (forged or routed)", source);
            return;
        }
        if (!limiter.allow(source.getAddress())) {
            LOG.log(System.Logger.Level.DEBUG, "discovery: ignored a datagram from {0}: too many", source);
            return;
        }
        Datagram d;
        try {
            d = codec.decode(buffer.array(), 0, length);
        } catch (DatagramException e) {
            LOG.log(System.Logger.Level.DEBUG, "discovery: ignored a datagram from {0}: {1}", source, e.getMessage());
            return;
        }
        handler.accept(source, d);
    }
}
