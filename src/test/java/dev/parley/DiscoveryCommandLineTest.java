package dev.parley;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.SocketException;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code discover}, {@code doctor} and {@code serve --no-announce} on the command line. */
@Timeout(30)
class DiscoveryCommandLineTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Parley.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private static int quietUdpPort() throws SocketException {
        try (var s = new DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void discoverOnAQuietNetworkExitsZeroAndSaysWhatToCheck() throws SocketException {
        assertThat(run("discover", "--timeout", "0.5", "--discovery-port", String.valueOf(quietUdpPort()))).isZero();
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).startsWith("No Parley room answered within 0.5 s.").contains("--no-announce",
                "same network", "firewall", "parley doctor");
    }

    @Test
    void discoverRefusesATimeoutThatIsNotAPositiveNumberOfSeconds() {
        assertThat(run("discover", "--timeout", "0")).isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("parley: --timeout must be between 0 and 3600 seconds (see parley discover --help)");
    }

    @Test
    void doctorRefusesSomethingThatIsNotAnAddress() {
        assertThat(run("doctor", "not an address!")).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("parley: cannot read the address not an address!")
                .doesNotContain("\n");
    }

    @Test
    void serveAnnouncesUnlessToldNotTo() {
        assertThat(run("serve", "--help")).isZero();
        assertThat(out.toString()).contains("--no-announce");
    }
}
