package dev.parley.server;

import org.junit.jupiter.api.Timeout;

/** Every test of {@link RoomEventsConformanceTest} again, with the peers speaking TLS 1.3 to a TLS-only port. */
@Timeout(120)
class RoomEventsConformanceOverTlsTest extends RoomEventsConformanceTest {
    @Override
    Wire wire() {
        return Wire.TLS;
    }
}
