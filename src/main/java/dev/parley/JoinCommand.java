package dev.parley;

import dev.parley.app.ParleyApp;
import dev.parley.app.start.HostAddress;
import dev.parley.protocol.Limits;
import dev.parley.tls.HostKey;
import javafx.application.Application;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code parley join HOST[:PORT] --name Bob}: opens the desktop app already joining a room. */
@Command(name = "join", mixinStandardHelpOptions = true, versionProvider = Parley.VersionProvider.class,
        description = {"Open the desktop app and join a chat right away.",
                "HOST[:PORT] may also be an invite line (parley://ADDRESS:PORT/#<host key>): its key is trusted."})
final class JoinCommand implements Runnable {

    @Parameters(index = "0", paramLabel = "HOST[:PORT]",
            description = "The host's address: name, IPv4, or IPv6 ([::1]:7770), with an optional port; or an invite line.")
    String address;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "Your name in the room.")
    String name;

    @Option(names = "--trust-host-key", paramLabel = "HEX",
            description = "Join only a host with this key (64 hex digits, what serve prints as \"host key\"),"
                    + " without asking; it is remembered as trusted.")
    String trustHostKey;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        String problem = Limits.nickProblem(name);
        if (problem != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--name: " + problem);
        }
        HostAddress.Parsed parsed = HostAddress.parse(address);
        if (parsed.address() == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "cannot read the address " + address + " (try host, host:port or [::1]:7770)");
        }
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--mode=join",
                "--name=" + name.strip(), "--address=" + address.strip()));
        if (trustHostKey != null) {
            try {
                args.add("--trust-host-key=" + HostKey.parse(trustHostKey).hex());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--trust-host-key: " + e.getMessage());
            }
        }
        Application.launch(ParleyApp.class, args.toArray(String[]::new));
    }
}
