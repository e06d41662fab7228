package dev.parley;

import dev.parley.discovery.DiscoveryConfig;
import dev.parley.discovery.Announcer;
import dev.parley.discovery.HostedRoom;
import dev.parley.server.LogUnavailableException;
import dev.parley.server.RoomServer;
import dev.parley.server.ServerConfig;
import dev.parley.tls.DataFolder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code parley serve}: a host without a window. */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Parley.VersionProvider.class,
        description = "Run a headless Parley host until Ctrl+C or SIGTERM.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port = 7770;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Interface to listen on (default: all).")
    String bind;

    @Option(names = "--room", paramLabel = "NAME", description = "Room name (default: ${DEFAULT-VALUE}).")
    String room = ServerConfig.DEFAULT_ROOM;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File whose first line is the room password.")
    Path passwordFile;

    @Option(names = "--max-clients", paramLabel = "N", description = "Most connections at once (default: ${DEFAULT-VALUE}).")
    int maxClients = ServerConfig.defaults().maxClients();

    @Option(names = "--rate", paramLabel = "N",
            description = "Messages a second per connection; 0 turns the limit off (default: ${DEFAULT-VALUE}).")
    int rate = ServerConfig.defaults().ratePerSecond();

    @Option(names = "--history", paramLabel = "N", description = "Room events kept for resumes (default: ${DEFAULT-VALUE}).")
    int history = ServerConfig.defaults().historySize();

    @Option(names = "--idle-timeout", paramLabel = "SECONDS",
            description = "Drop a connection silent this long (default: ${DEFAULT-VALUE}).")
    int idleTimeout = (int) ServerConfig.defaults().idleTimeout().toSeconds();

    @Option(names = "--data", paramLabel = "DIR",
            description = "Folder for the host's data; the history is kept in its history folder "
                    + "(default: the per-user data folder, ~/.local/share/parley on Linux).")
    Path data;

    @Option(names = "--keep-days", paramLabel = "N",
            description = "Remove history older than N days; 0 keeps it however old (default: ${DEFAULT-VALUE}).")
    int keepDays;

    @Option(names = "--keep-messages", paramLabel = "N",
            description = "Keep only the latest N events in the history; 0 keeps them all (default: ${DEFAULT-VALUE}).")
    long keepMessages;

    @Option(names = "--in-memory",
            description = "Keep the history in memory only: it is lost when the host stops, and guests see a new room.")
    boolean inMemory;

    @Option(names = "--no-announce", description = "Do not announce the room on the local network (discovery).")
    boolean noAnnounce;

    @Option(names = "--discovery-port", hidden = true, description = "UDP port of discovery (tests).")
    int discoveryPort = DiscoveryConfig.DEFAULT_PORT;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        validate();
        var defaults = ServerConfig.defaults();
        ServerConfig config = defaults.withBind(bind).withPort(port).withRoom(room, readPassword())
                .withLimits(maxClients, rate, defaults.rateBurst(), history, defaults.outboxLimit())
                .withTimeouts(defaults.helloTimeout(),
                        idleTimeout < 30 ? Duration.ofSeconds(Math.max(1, idleTimeout / 3)) : defaults.pingAfter(),
                        Duration.ofSeconds(idleTimeout), defaults.tick());
        Path history = null;
        if (!inMemory) {
            try {
                history = DataFolder.of(data).create().resolve("history");
            } catch (IOException e) {
                spec.commandLine().getErr().println("parley: cannot use the data folder " + DataFolder.of(data).path()
                        + ": " + e.getMessage());
                return 1;
            }
            config = config.withLog(config.log().inFolder(history).withRetention(keepDays, keepMessages));
        }
        var server = new RoomServer(config);
        try {
            server.start();
        } catch (LogUnavailableException e) {
            spec.commandLine().getErr().println("parley: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            spec.commandLine().getErr().println("parley: cannot listen on port " + port + ": " + e.getMessage());
            return 1;
        }
        var out = spec.commandLine().getOut();
        boolean keeps = !inMemory;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (keeps) {
                // The room goes on from its history when the host starts again: guests wait and come back.
                server.closeForRestart();
                out.println("Parley host \"" + room + "\" stopped; its history is kept, and guests come back "
                        + "when it starts again.");
            } else {
                server.close();
                out.println("Parley host \"" + room + "\" stopped; everyone was told the chat ended.");
            }
            out.flush();
            // A stop asked for by SIGTERM or Ctrl+C is a clean stop: exit 0, not the JVM's 143.
            Runtime.getRuntime().halt(0);
        }, "parley-shutdown"));
        var address = server.address();
        String where = (bind == null ? "0.0.0.0" : address.getAddress().getHostAddress()) + ":" + server.port();
        out.println("Parley host \"" + room + "\" listening on " + where);
        out.println(keeps ? "history kept in " + server.historyFile() : "history kept in memory only (--in-memory)");
        out.flush();
        if (!noAnnounce) {
            announce(server);
        }
        new CountDownLatch(1).await();
        return 0;
    }

    /** Announces the room beside the server (never inside its loop); a room that cannot be announced still works. */
    private void announce(RoomServer server) {
        boolean password = server.config().password() != null;
        try {
            // The host key joins the announcement once the host has one (TLS); until then it is left out.
            var announcer = Announcer.start(DiscoveryConfig.defaults().withPort(discoveryPort),
                    () -> new HostedRoom(room, server.port(), null, password, server.users().size()));
            System.getLogger(ServeCommand.class.getName()).log(System.Logger.Level.INFO,
                    "announcing \"{0}\" on {1} network adapter(s), UDP port {2}; --no-announce turns this off",
                    room, announcer.adapterCount(), String.valueOf(discoveryPort));
        } catch (IOException e) {
            System.getLogger(ServeCommand.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot announce the room on UDP port {0} ({1}); guests must type the address",
                    String.valueOf(discoveryPort), e.getMessage());
        }
    }

    private void validate() {
        var cl = spec.commandLine();
        if (port < 0 || port > 65_535) {
            throw new CommandLine.ParameterException(cl, "--port must be between 0 and 65535");
        }
        if (maxClients < 1) {
            throw new CommandLine.ParameterException(cl, "--max-clients must be at least 1");
        }
        if (rate < 0) {
            throw new CommandLine.ParameterException(cl, "--rate cannot be negative");
        }
        if (history < 100) {
            throw new CommandLine.ParameterException(cl, "--history must be at least 100");
        }
        if (idleTimeout < 3) {
            throw new CommandLine.ParameterException(cl, "--idle-timeout must be at least 3 seconds");
        }
        if (keepDays < 0 || keepMessages < 0) {
            throw new CommandLine.ParameterException(cl, "--keep-days and --keep-messages cannot be negative");
        }
        if (inMemory && (data != null || keepDays > 0 || keepMessages > 0)) {
            throw new CommandLine.ParameterException(cl,
                    "--in-memory keeps no history on disk: leave out --data, --keep-days and --keep-messages");
        }
        if (room == null || room.isBlank()) {
            throw new CommandLine.ParameterException(cl, "--room cannot be empty");
        }
    }

    private String readPassword() {
        if (passwordFile == null) {
            return null;
        }
        try {
            String first = Files.readAllLines(passwordFile, StandardCharsets.UTF_8).stream().findFirst().orElse("");
            if (first.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "the password file " + passwordFile + " is empty");
            }
            return first;
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "cannot read the password file " + passwordFile + ": " + e.getMessage());
        }
    }
}
