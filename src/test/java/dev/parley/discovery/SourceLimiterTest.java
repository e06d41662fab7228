package dev.parley.discovery;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.time.Duration;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class SourceLimiterTest {
    private final TestClock clock = new TestClock();
    private final SourceLimiter limiter = new SourceLimiter(clock, 5, 20);
    private final InetAddress flooder = InetAddress.ofLiteral("192.168.1.66");
    private final InetAddress neighbour = InetAddress.ofLiteral("192.168.1.20");

    private long allowed(InetAddress source, int tries) {
        return IntStream.range(0, tries).filter(i -> limiter.allow(source)).count();
    }

    @Test
    void aFloodFromOneSourceIsCutToTheBurstThenToTheRate() {
        assertThat(allowed(flooder, 1_000)).isEqualTo(20);
        clock.advance(Duration.ofSeconds(1));
        assertThat(allowed(flooder, 1_000)).isEqualTo(5);
        clock.advance(Duration.ofMillis(100));
        assertThat(allowed(flooder, 1_000)).isZero();
    }

    @Test
    void oneSourcesFloodLeavesOthersAlone() {
        allowed(flooder, 1_000);
        assertThat(limiter.allow(neighbour)).isTrue();
    }

    @Test
    void aQuietSourceGetsItsWholeBurstBack() {
        allowed(flooder, 1_000);
        clock.advance(Duration.ofMinutes(1));
        assertThat(allowed(flooder, 1_000)).isEqualTo(20);
    }
}
