package dev.parley.discovery;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class LocalNetworkTest {

    @ParameterizedTest
    @ValueSource(strings = {"tun0", "tap1", "wg0", "utun3", "ppp0", "ipsec0", "tailscale0", "nordlynx", "zt7nnig26", "CSCOTUN0"})
    void vpnAdaptersAreRecognisedByName(String name) {
        assertThat(LocalNetwork.looksLikeVpn(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"eth0", "wlan0", "en0", "enp3s0", "wlp2s0", "br0", "docker0"})
    void ordinaryAdaptersAreNotCalledVpns(String name) {
        assertThat(LocalNetwork.looksLikeVpn(name)).isFalse();
    }

    @Test
    void subnetsAreComparedBitByBit() {
        var a = InetAddress.ofLiteral("192.168.1.20");
        assertThat(LocalNetwork.sameSubnet(InetAddress.ofLiteral("192.168.1.200"), a, 24)).isTrue();
        assertThat(LocalNetwork.sameSubnet(InetAddress.ofLiteral("192.168.2.20"), a, 24)).isFalse();
        assertThat(LocalNetwork.sameSubnet(InetAddress.ofLiteral("192.168.1.130"), a, 25)).isFalse();
        assertThat(LocalNetwork.sameSubnet(InetAddress.ofLiteral("fd00::1:2"), InetAddress.ofLiteral("fd00::9"), 64)).isTrue();
        assertThat(LocalNetwork.sameSubnet(InetAddress.ofLiteral("fd00::1"), a, 24)).isFalse();
    }

    @Test
    void loopbackAndIpv6LinkLocalSourcesAreOnLinkAndNothingElseWithoutAdapters() {
        assertThat(LocalNetwork.onLink(InetAddress.ofLiteral("127.0.0.1"), List.of())).isTrue();
        assertThat(LocalNetwork.onLink(InetAddress.ofLiteral("fe80::1"), List.of())).isTrue();
        assertThat(LocalNetwork.onLink(InetAddress.ofLiteral("8.8.8.8"), List.of())).isFalse();
        assertThat(LocalNetwork.onLink(InetAddress.ofLiteral("0.0.0.0"), List.of())).isFalse();
        assertThat(LocalNetwork.onLink(InetAddress.ofLiteral("239.255.77.71"), List.of())).isFalse();
    }

    @Test
    void aSourceInsideAnAdaptersSubnetIsOnLinkAndOneOutsideIsNot() {
        List<LocalNetwork.Adapter> adapters = LocalNetwork.upAdapters();
        for (LocalNetwork.Adapter a : adapters) {
            for (var ia : a.addresses()) {
                assertThat(LocalNetwork.onLink(ia.getAddress(), adapters)).as(ia.toString()).isTrue();
            }
        }
        assertThat(LocalNetwork.onLink(InetAddress.ofLiteral("203.0.113.9"), adapters))
                .as("a documentation address is on no adapter here").isFalse();
    }
}
