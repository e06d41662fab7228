package dev.parley;

import dev.parley.app.start.HostAddress;
import dev.parley.discovery.DiscoveryConfig;
import dev.parley.discovery.Doctor;
import dev.parley.discovery.Finding;
import dev.parley.discovery.HostCheck;
import dev.parley.discovery.TlsHostCheck;
import dev.parley.tls.DataFolder;
import dev.parley.tls.TrustStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.Callable;

/**
 * {@code parley doctor [HOST[:PORT]]}: why a room does not show up or cannot be joined, one sentence
 * per check, the most likely cause first. The sentences are the window's (messages.properties).
 */
@Command(name = "doctor", mixinStandardHelpOptions = true, versionProvider = Parley.VersionProvider.class,
        description = {"Check why a room does not show up or cannot be joined.",
                "Prints one sentence per check, the most likely cause first; exits 1 when it found a problem."})
final class DoctorCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "HOST[:PORT]",
            description = "A host to check too: name, IPv4, or IPv6 ([::1]:7770), with an optional port.")
    String address;

    @Option(names = "--listen", paramLabel = "S", description = "Seconds to listen for rooms (default: ${DEFAULT-VALUE}).")
    double listen = 2;

    @Option(names = "--discovery-port", hidden = true, description = "UDP port of discovery (tests).")
    int discoveryPort = DiscoveryConfig.DEFAULT_PORT;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Doctor.Target target = null;
        if (address != null) {
            HostAddress.Parsed parsed = HostAddress.parse(address);
            if (parsed.address() == null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "cannot read the address " + address + " (try host, host:port or [::1]:7770)");
            }
            target = new Doctor.Target(parsed.address().host(), parsed.address().port());
        }
        if (!(listen > 0 && listen <= 60)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--listen must be between 0 and 60 seconds");
        }
        var config = DiscoveryConfig.defaults().withPort(discoveryPort);
        var doctor = new Doctor(config, Duration.ofMillis((long) (listen * 1_000)), tlsCheck(config));
        List<Finding> findings = doctor.run(target);
        ResourceBundle bundle = ResourceBundle.getBundle("dev.parley.app.messages");
        PrintWriter out = spec.commandLine().getOut();
        for (Finding f : findings) {
            out.println(MessageFormat.format(bundle.getString(f.key()), f.args().toArray()));
        }
        out.flush();
        return findings.stream().anyMatch(f -> f.severity() == Finding.Severity.PROBLEM) ? 1 : 0;
    }

    /** The TLS handshake and host-key check against this person's trust store; none if the store cannot be read. */
    private static List<HostCheck> tlsCheck(DiscoveryConfig config) {
        try {
            return List.of(new TlsHostCheck(TrustStore.open(DataFolder.standard()), config.connectTimeout()));
        } catch (IOException e) {
            System.getLogger(DoctorCommand.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot read the trusted hosts ({0}); the TLS check is left out", e.getMessage());
            return List.of();
        }
    }
}
