package dev.parley;

import dev.parley.app.ParleyApp;
import dev.parley.app.start.HostAddress;
import dev.parley.protocol.Limits;
import javafx.application.Application;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code parley join HOST[:PORT] --name Bob}: opens the desktop app already joining a room. */
@Command(name = "join", mixinStandardHelpOptions = true, versionProvider = Parley.VersionProvider.class,
        description = "Open the desktop app and join a chat right away.")
final class JoinCommand implements Runnable {

    @Parameters(index = "0", paramLabel = "HOST[:PORT]",
            description = "The host's address: name, IPv4, or IPv6 ([::1]:7770), with an optional port.")
    String address;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "Your name in the room.")
    String name;

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
        Application.launch(ParleyApp.class, "--mode=join", "--name=" + name.strip(),
                "--address=" + parsed.address().display());
    }
}
