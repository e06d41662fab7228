package dev.parley.tls;

import dev.parley.tls.Invite.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The invite line: what the host copies is what Join reads back, and nothing else gets through. */
@Timeout(30)
class InviteTest {
    private static final String HEX = "3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b";
    private static final HostKey KEY = new HostKey(HEX);

    @Test
    void theHostsLineReadsBackAsTheSameInvite() {
        for (Invite invite : new Invite[] {new Invite("192.168.1.20", 7770, KEY), new Invite("carol.local", 9000, KEY),
                new Invite("fe80::1%eth0", 7770, KEY), new Invite("::1", 1, KEY)}) {
            Invite.Parsed parsed = Invite.parse(invite.toString());
            assertThat(parsed.problem()).as(invite.toString()).isNull();
            assertThat(parsed.invite()).isEqualTo(invite);
        }
        assertThat(new Invite("192.168.1.20", 7770, KEY).toString()).isEqualTo("parley://192.168.1.20:7770/#" + HEX);
        assertThat(Invite.parse("\t parley://192.168.1.20:7770/#" + HEX + " \r\n").invite())
                .as("white space around a pasted line").isEqualTo(new Invite("192.168.1.20", 7770, KEY));
        assertThat(new Invite("fe80::1%eth0", 7770, KEY).toString()).isEqualTo("parley://[fe80::1%25eth0]:7770/#" + HEX);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "parley://192.168.1.20/#KEY               | 192.168.1.20 | 7770",
            "PARLEY://Carol.Local:8000/#KEYUPPER      | Carol.Local  | 8000",
            "parley://[::1]/#KEY                      | ::1          | 7770",
            "parley://[fe80::1%eth0]:7771/#KEY        | fe80::1%eth0 | 7771",
            "parley://10.0.0.5:7770#KEY               | 10.0.0.5     | 7770",
    })
    void invitesPeopleMayPasteAreRead(String line, String host, int port) {
        Invite.Parsed parsed = Invite.parse(line.replace("KEYUPPER", HEX.toUpperCase()).replace("KEY", HEX));
        assertThat(parsed.problem()).isNull();
        assertThat(parsed.invite()).isEqualTo(new Invite(host, port, KEY));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "192.168.1.20:7770                              | NOT_AN_INVITE",
            "http://192.168.1.20/#KEY                        | NOT_AN_INVITE",
            "parley://192.168.1.20:7770/                     | NO_KEY",
            "parley://192.168.1.20:7770/#                    | NO_KEY",
            "parley://192.168.1.20:7770/#abc                 | BAD_KEY",
            "parley://192.168.1.20:7770/#KEYff               | BAD_KEY",
            "parley://192.168.1.20:7770/#KEY?x=1             | BAD_KEY",
            "parley://192.168.1.20:7770/#KEY#KEY             | BAD_KEY",
            "parley://192.168.1.20:7770/#KE Y                | BAD_KEY",
            "parley://mallory@192.168.1.20/#KEY              | EXTRA_PARTS",
            "parley://192.168.1.20/room/#KEY                 | EXTRA_PARTS",
            "parley://192.168.1.20/?next=evil#KEY            | EXTRA_PARTS",
            "parley://192.168.1.20:0/#KEY                    | BAD_PORT",
            "parley://192.168.1.20:65536/#KEY                | BAD_PORT",
            "parley://192.168.1.20:99999999999/#KEY          | BAD_PORT",
            "parley://192.168.1.20:+80/#KEY                  | BAD_PORT",
            "parley://192.168.1.20:٧٧٧٠/#KEY                 | BAD_PORT",
            "parley://192.168.1.20:/#KEY                     | BAD_PORT",
            "parley:///#KEY                                  | BAD_HOST",
            "parley://-evil/#KEY                             | BAD_HOST",
            "parley://ex ample/#KEY                          | BAD_HOST",
            "parley://exämple.local/#KEY                     | BAD_HOST",
            "parley://[::1/#KEY                              | BAD_HOST",
            "parley://[not:v6:zz]/#KEY                       | BAD_HOST",
            "parley://[fe80::1%25]/#KEY                      | BAD_HOST",
            "parley://[fe80::1%25eth0;rm]/#KEY               | BAD_HOST",
            "parley://[::1]x/#KEY                            | BAD_HOST",
            "parley://host\u0000name/#KEY                    | BAD_HOST",
    })
    void hostileOrBrokenLinesAreRefusedWithTheReason(String line, Problem problem) {
        Invite.Parsed parsed = Invite.parse(line.replace("KEY", HEX));
        assertThat(parsed.invite()).isNull();
        assertThat(parsed.problem()).isEqualTo(problem);
    }

    @Test
    void anOverlongLineIsRefusedBeforeItIsTakenApart() {
        String longHost = "a".repeat(Invite.MAX_LENGTH);
        assertThat(Invite.parse("parley://" + longHost + "/#" + HEX).problem()).isEqualTo(Problem.TOO_LONG);
        assertThat(Invite.parse("parley://" + "a.".repeat(200) + "b/#" + HEX).problem()).isEqualTo(Problem.TOO_LONG);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "parley:", "parley:/", "#", "[::1]"})
    void emptyAndHalfLinesAreNotInvites(String line) {
        assertThat(Invite.parse(line).ok()).isFalse();
        assertThat(Invite.parse(null).problem()).isEqualTo(Problem.NOT_AN_INVITE);
    }

    @Test
    void onlyLinesWithTheSchemeAreTakenForInvites() {
        assertThat(Invite.looksLikeInvite(" Parley://x")).isTrue();
        assertThat(Invite.looksLikeInvite("192.168.1.20")).isFalse();
        assertThat(Invite.looksLikeInvite(null)).isFalse();
    }

    @Test
    void anInviteCannotBeBuiltWithoutAUsableHostPortAndKey() {
        assertThatThrownBy(() -> new Invite("bad host", 7770, KEY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Invite("host", 0, KEY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Invite("host", 7770, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Invite("::1", 7770, KEY).address()).isEqualTo("[::1]:7770");
    }
}
