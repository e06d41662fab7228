package dev.parley.app.start;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

@org.junit.jupiter.api.Timeout(10)
class HostAddressTest {

    private static HostAddress ok(String typed) {
        var parsed = HostAddress.parse(typed);
        assertNull(parsed.problem(), typed);
        return parsed.address();
    }

    private static HostAddress.Problem problem(String typed) {
        return HostAddress.parse(typed).problem();
    }

    @Test
    void bareHostUsesTheDefaultPort() {
        assertEquals(new HostAddress("192.168.1.20", 7770), ok("192.168.1.20"));
        assertEquals(new HostAddress("carol-laptop.local", 7770), ok(" carol-laptop.local "));
    }

    @Test
    void hostWithPortKeepsThePort() {
        assertEquals(new HostAddress("example.org", 8000), ok("example.org:8000"));
    }

    @Test
    void ipv6LiteralsWorkBracketedWithPortAndBare() {
        assertEquals(new HostAddress("::1", 7770), ok("[::1]:7770"));
        assertEquals(new HostAddress("::1", 7770), ok("[::1]"));
        assertEquals(new HostAddress("fe80::1", 7770), ok("fe80::1"));
        assertEquals(new HostAddress("2001:db8::5", 9000), ok("[2001:db8::5]:9000"));
        assertEquals("[::1]:7770", ok("::1").display());
    }

    @Test
    void emptyAndMalformedAddressesSayWhatIsWrong() {
        assertEquals(HostAddress.Problem.EMPTY, problem("  "));
        assertEquals(HostAddress.Problem.BAD_HOST, problem("has space"));
        assertEquals(HostAddress.Problem.BAD_HOST, problem("[::1"));
        assertEquals(HostAddress.Problem.BAD_HOST, problem("[nothex]:70"));
        assertEquals(HostAddress.Problem.BAD_PORT, problem("host:0"));
        assertEquals(HostAddress.Problem.BAD_PORT, problem("host:70000"));
        assertEquals(HostAddress.Problem.BAD_PORT, problem("host:"));
        assertEquals(HostAddress.Problem.BAD_PORT, problem("[::1]:x"));
    }

    @Test
    void aPastedLinkIsReadAsTheAddressItPointsAt() {
        assertEquals(new HostAddress("127.0.0.1", 7781), ok("http://127.0.0.1:7781"));
        assertEquals(new HostAddress("127.0.0.1", 7781), ok("HTTP://127.0.0.1:7781/chat?x=1"));
        assertEquals(new HostAddress("host.local", 7770), ok("https://host.local/"));
        assertEquals(new HostAddress("::1", 9000), ok("http://[::1]:9000/"));
        assertEquals(HostAddress.Problem.BAD_HOST, problem("http://"));
        assertEquals(HostAddress.Problem.BAD_PORT, problem("http://host:99999/"));
    }

    @Test
    void anInviteLineGivesTheAddressAndKeepsTheHostKey() {
        String key = "0123456789abcdef".repeat(4);
        var parsed = HostAddress.parse("parley://192.168.1.20:7770/#" + key.toUpperCase(java.util.Locale.ROOT));
        assertEquals(new HostAddress("192.168.1.20", 7770), parsed.address());
        assertEquals(key, parsed.hostKey(), "kept, in lowercase, for checking the host later");
        assertEquals(null, HostAddress.parse("parley://192.168.1.20:7770/").hostKey());
        assertEquals(HostAddress.Problem.BAD_KEY, problem("parley://192.168.1.20:7770/#abc"));
        assertEquals(null, HostAddress.parse("192.168.1.20").hostKey());
    }

    @Test
    void anInviteLineForALinkLocalHostKeepsItsZoneAsTheHostCopiedIt() {
        String key = "0123456789abcdef".repeat(4);
        var invite = new dev.parley.tls.Invite("fe80::1%eth0", 7770, dev.parley.tls.HostKey.parse(key));
        var parsed = HostAddress.parse(invite.toString());
        assertEquals(new HostAddress("fe80::1%eth0", 7770), parsed.address(), invite.toString());
        assertEquals(key, parsed.hostKey());
    }
}
