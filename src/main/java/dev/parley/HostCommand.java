package dev.parley;

import dev.parley.app.ParleyApp;
import dev.parley.protocol.Limits;
import javafx.application.Application;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** {@code parley host --name Carol}: opens the desktop app already hosting a room. */
@Command(name = "host", mixinStandardHelpOptions = true, versionProvider = Parley.VersionProvider.class,
        description = "Open the desktop app and host a chat right away.")
final class HostCommand implements Runnable {

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "Your name in the room.")
    String name;

    @Option(names = "--room", paramLabel = "ROOM", description = "Room name (default: \"<name>'s room\").")
    String room;

    @Option(names = "--port", paramLabel = "PORT", description = "TCP port (default: ${DEFAULT-VALUE}).")
    int port = Limits.DEFAULT_PORT;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        String problem = Limits.nickProblem(name);
        if (problem != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--name: " + problem);
        }
        if (port < 1 || port > 65_535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be between 1 and 65535");
        }
        if (room != null && room.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--room cannot be empty");
        }
        List<String> args = new ArrayList<>(List.of("--mode=host", "--name=" + name.strip(), "--port=" + port));
        if (room != null) {
            args.add("--room=" + room.strip());
        }
        Application.launch(ParleyApp.class, args.toArray(String[]::new));
    }
}
