package dev.parley;

import dev.parley.protocol.Version;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The command line: help, version, and one-line errors with exit code 2. */
@Timeout(30)
class ParleyCommandLineTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Parley.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void versionPrintsTheBuildVersion() {
        assertEquals(0, run("--version"));
        assertThat(out.toString().strip()).isEqualTo("Parley " + Version.get()).doesNotContain("dev");
    }

    @Test
    void serveHelpListsTheOperatorOptions() {
        assertEquals(0, run("serve", "--help"));
        assertThat(out.toString()).contains("--port", "--bind", "--room", "--password-file", "--max-clients",
                "--rate", "--history", "--idle-timeout");
    }

    @Test
    void serveHelpListsTheAbuseLimitsWithTheirDefaults() {
        assertEquals(0, run("serve", "--help"));
        assertThat(out.toString()).contains("--max-pending", "--max-pending-per-address", "--connects-per-minute",
                "--ban-seconds", "--password-delay-ms", "--password-delay-max", "--joins-per-minute",
                "--log-lines-per-minute", "(default: 250)", "(default: 300)");
    }

    @Test
    void negativeAbuseLimitIsOneLineAndExitCodeTwo() {
        assertEquals(2, run("serve", "--port", "0", "--joins-per-minute", "-1"));
        assertThat(err.toString().strip()).startsWith("parley: abuse limits cannot be negative").doesNotContain("\n");
    }

    @Test
    void unknownOptionIsOneLineAndExitCodeTwo() {
        assertEquals(2, run("serve", "--bogus"));
        assertThat(err.toString().strip()).startsWith("parley: Unknown option: '--bogus'").doesNotContain("\n");
    }

    @Test
    void portOutOfRangeIsOneLineAndExitCodeTwo() {
        assertEquals(2, run("serve", "--port", "70000"));
        assertThat(err.toString().strip()).isEqualTo("parley: --port must be between 0 and 65535 (see parley serve --help)");
    }

    @Test
    void missingPasswordFileIsOneLineAndExitCodeTwo() {
        assertEquals(2, run("serve", "--port", "0", "--password-file", Path.of("no-such-file").toString()));
        assertThat(err.toString().strip()).startsWith("parley: cannot read the password file no-such-file")
                .doesNotContain("\n");
    }
}
