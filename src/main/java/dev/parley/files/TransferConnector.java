package dev.parley.files;

import java.io.IOException;

/**
 * Opens a transfer connection to the host the chat is connected to: plain TCP now
 * ({@link SocketConnector}), a TLS connector once the chat speaks TLS. Called on the transfer's own
 * thread; may block.
 */
@FunctionalInterface
public interface TransferConnector {
    TransferStream open() throws IOException;
}
