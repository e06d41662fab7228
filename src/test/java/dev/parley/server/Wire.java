package dev.parley.server;

/**
 * How the conformance suite's raw peers reach the server. Every {@code *ConformanceTest} and
 * {@link ImplementationChoicesTest} runs on both: {@link #PLAIN} against a port that also serves
 * plaintext ({@code serve --allow-plaintext}: the first byte decides), {@link #TLS} against a TLS-only
 * port (their {@code *OverTlsTest} subclasses), with every assertion the same.
 */
enum Wire {
    /** Plain JSON Lines over TCP. */
    PLAIN,
    /** The same inside TLS 1.3, the server proving the test host key. */
    TLS
}
