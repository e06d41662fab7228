package dev.parley.server;

import org.junit.jupiter.api.Timeout;

/** Every test of {@link FramingConformanceTest} again, with the peers speaking TLS 1.3 to a TLS-only port. */
@Timeout(120)
class FramingConformanceOverTlsTest extends FramingConformanceTest {
    @Override
    Wire wire() {
        return Wire.TLS;
    }
}
