package dev.parley.app.chat;

import dev.parley.app.start.HostAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;

/** The addresses a host shows under "Invite others": typeable, with the port, never loopback. */
@Timeout(10)
class LanAddressesTest {

    private static String compress(String v6) throws UnknownHostException {
        return LanAddresses.compress(InetAddress.getByName(v6).getAddress());
    }

    @Test
    void ipv6IsWrittenInItsShortFormAsPeopleTypeIt() throws UnknownHostException {
        assertThat(compress("2001:db8:0:0:0:0:0:1")).isEqualTo("2001:db8::1");
        assertThat(compress("fd00:0:0:1:0:0:0:5")).as("the longer run of zeros is the one cut")
                .isEqualTo("fd00:0:0:1::5");
        assertThat(compress("2001:db8:0:0:1:0:0:1")).as("of two equal runs, the first").isEqualTo("2001:db8::1:0:0:1");
        assertThat(compress("2001:db8:1:1:1:1:0:1")).as("a single zero group stays").isEqualTo("2001:db8:1:1:1:1:0:1");
        assertThat(compress("0:0:0:0:0:0:0:0")).isEqualTo("::");
        assertThat(compress("fe80:0:0:0:0:0:0:0")).isEqualTo("fe80::");
    }

    @Test
    void everyAddressShownCanBeTypedIntoJoinAndCarriesThePort() {
        for (String shown : LanAddresses.withPort(7781)) {
            HostAddress.Parsed parsed = HostAddress.parse(shown);
            assertThat(parsed.problem()).as(shown).isNull();
            assertThat(parsed.address().port()).as(shown).isEqualTo(7781);
            assertThat(parsed.address().host()).as(shown)
                    .doesNotStartWith("127.").isNotEqualTo("::1").doesNotStartWith("fe80");
        }
    }

    @Test
    void ipv4ComesBeforeIpv6() {
        var shown = LanAddresses.withPort(7770);
        int firstV6 = -1;
        for (int i = 0; i < shown.size(); i++) {
            if (shown.get(i).startsWith("[")) {
                firstV6 = firstV6 < 0 ? i : firstV6;
            } else {
                assertThat(firstV6).as("an IPv4 address after an IPv6 one in " + shown).isNegative();
            }
        }
    }
}
