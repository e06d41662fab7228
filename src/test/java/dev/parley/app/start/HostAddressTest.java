package dev.parley.app.start;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
}
