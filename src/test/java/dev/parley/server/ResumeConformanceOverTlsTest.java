package dev.parley.server;

import org.junit.jupiter.api.Timeout;

/** Every test of {@link ResumeConformanceTest} again, with the peers speaking TLS 1.3 to a TLS-only port. */
@Timeout(120)
class ResumeConformanceOverTlsTest extends ResumeConformanceTest {
    @Override
    Wire wire() {
        return Wire.TLS;
    }
}
