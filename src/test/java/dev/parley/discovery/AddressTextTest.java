package dev.parley.discovery;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class AddressTextTest {

    @Test
    void ipv6IsWrittenInItsShortestFormAndIpv4AsIs() {
        assertThat(AddressText.of(InetAddress.ofLiteral("fe80:0:0:0:c2a:8aff:fedd:ffb3"))).isEqualTo("fe80::c2a:8aff:fedd:ffb3");
        assertThat(AddressText.of(InetAddress.ofLiteral("2001:db8:0:0:1:0:0:1"))).isEqualTo("2001:db8::1:0:0:1");
        assertThat(AddressText.of(InetAddress.ofLiteral("::1"))).isEqualTo("::1");
        assertThat(AddressText.of(InetAddress.ofLiteral("2001:db8:1:2:3:4:5:6"))).isEqualTo("2001:db8:1:2:3:4:5:6");
        assertThat(AddressText.withPort(InetAddress.ofLiteral("192.168.1.20"), 7770)).isEqualTo("192.168.1.20:7770");
        assertThat(AddressText.withPort(InetAddress.ofLiteral("fe80::1"), 7770)).isEqualTo("[fe80::1]:7770");
    }
}
