/**
 * TLS for Parley: the host's identity, the code people compare, the guest's trust store, invite lines,
 * and TLS 1.3 for the server's NIO loop and the blocking client. Core: no JavaFX, and it depends on
 * neither {@code server} nor {@code client}, which both use it.
 *
 * <h2>Host (server) side</h2>
 * <ol>
 *   <li>At start-up, off the FX thread and before the loop runs:
 *       {@code HostIdentity id = new HostIdentityStore(DataFolder.of(dataOverride)).loadOrCreate();}
 *       then {@code ServerTls tls = new ServerTls(id);}. {@code serve} prints {@code "host key: " + id.key()}
 *       and {@code "host code: " + id.code().wordsText()}; the window shows {@code id.code()} with
 *       {@link dev.parley.tls.HostCode#digitsText()} beside it and copies
 *       {@code new Invite(address, port, id.key()).toString()} under "Invite others".</li>
 *   <li>Per accepted connection, on the first readable event: read into a small buffer and look at
 *       {@link dev.parley.tls.FirstByte#classify}. {@code TLS}: build
 *       {@code new TlsLayer(tls, new ReplayChannel(firstBytes, socketChannel), handshakeExecutor,
 *       () -> loop.execute(connection::resume))}. Plaintext on a TLS-only port: queue
 *       {@link dev.parley.tls.FirstByte#tlsRequiredLine} (encode once) and close after it is written;
 *       with {@code --allow-plaintext}, feed the sniffed bytes to the line splitter and go on in clear.</li>
 *   <li>Then the transport reads with {@link dev.parley.tls.TlsLayer#read}, writes with
 *       {@link dev.parley.tls.TlsLayer#write}/{@link dev.parley.tls.TlsLayer#flush}, registers
 *       {@link dev.parley.tls.TlsLayer#interestOps} after every call, and comes back without waiting for
 *       the selector while {@link dev.parley.tls.TlsLayer#hasBufferedInput()} (see that class for the
 *       rules). The hello timeout also covers handshakes that never finish. Closing: flush, then
 *       {@link dev.parley.tls.TlsLayer#shutdown()} (close_notify), then close the socket; lingering reads
 *       after that go to the socket itself.</li>
 * </ol>
 *
 * <h2>Guest (client) side</h2>
 * On the client's background thread: {@code TrustStore store = TrustStore.open(DataFolder.standard());}
 * then {@code TlsOutcome o = new TlsConnector(connectTimeout, TlsConnector.DEFAULT_HANDSHAKE_TIMEOUT)
 * .prepare(host, port, check).run();} with {@code check} = {@link dev.parley.tls.KeyCheck.Pinned} for an
 * invite, {@code --trust-host-key} or the reconnect after the person said yes, else
 * {@link dev.parley.tls.KeyCheck.Stored}. {@code Secured}: send {@code hello} on its socket; after the
 * {@code welcome}, {@code store.trust(key, how, TrustStore.address(host, port), room)} (first time) or
 * {@code store.seen(...)}. {@code UnknownKey}: ask the person with the host code, then run again with
 * {@code Pinned}. {@code ChangedKey}: warn with both codes, default Cancel, never send {@code hello}.
 * {@link dev.parley.tls.TlsConnectException#problem()} says which sentence to show when TLS fails.
 */
package dev.parley.tls;
