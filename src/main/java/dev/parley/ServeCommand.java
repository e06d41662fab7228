package dev.parley;

import dev.parley.discovery.DiscoveryConfig;
import dev.parley.discovery.Announcer;
import dev.parley.discovery.HostedRoom;
import dev.parley.files.FileLimits;
import dev.parley.server.AbuseLimits;
import dev.parley.server.FileSettings;
import dev.parley.server.LogUnavailableException;
import dev.parley.server.RoomServer;
import dev.parley.server.ServerConfig;
import dev.parley.server.TlsSettings;
import dev.parley.tls.DataFolder;
import dev.parley.tls.HostIdentity;
import dev.parley.tls.HostIdentityStore;
import dev.parley.tls.ServerTls;
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

    @Option(names = "--max-clients", paramLabel = "N",
            description = "Most people in the room at once; someone coming back with their session is always "
                    + "let in (default: ${DEFAULT-VALUE}).")
    int maxClients = ServerConfig.defaults().maxClients();

    // Abuse limits (issue 15): what one address may ask of the host. See AbuseLimits.
    @Option(names = "--max-pending", paramLabel = "N",
            description = "Connections that may wait to join at once, from all addresses (default: ${DEFAULT-VALUE}).")
    int maxPending = AbuseLimits.defaults().maxPending();

    @Option(names = "--max-pending-per-address", paramLabel = "N",
            description = "Of those, from one address (an IPv6 /64 counts as one); 0: no limit "
                    + "(default: ${DEFAULT-VALUE}).")
    int pendingPerAddress = AbuseLimits.defaults().pendingPerAddress();

    @Option(names = "--connects-per-minute", paramLabel = "N",
            description = "Connections one address may open a minute before it is banned; 0: never ban "
                    + "(default: ${DEFAULT-VALUE}).")
    int connectsPerMinute = AbuseLimits.defaults().connectsPerMinute();

    @Option(names = "--ban-seconds", paramLabel = "SECONDS",
            description = "How long such a ban lasts (default: ${DEFAULT-VALUE}).")
    long banSeconds = AbuseLimits.defaults().banFor().toSeconds();

    @Option(names = "--password-delay-ms", paramLabel = "MS",
            description = "Wait before checking the next password from an address after a wrong one, doubling "
                    + "with each; 0: no wait (default: ${DEFAULT-VALUE}).")
    long passwordDelayMs = AbuseLimits.defaults().passwordDelay().toMillis();

    @Option(names = "--password-delay-max", paramLabel = "SECONDS",
            description = "The longest such wait (default: ${DEFAULT-VALUE}).")
    long passwordDelayMax = AbuseLimits.defaults().passwordDelayMax().toSeconds();

    @Option(names = "--joins-per-minute", paramLabel = "N",
            description = "Joins one address may make a minute; 0: no limit (default: ${DEFAULT-VALUE}).")
    int joinsPerMinute = AbuseLimits.defaults().joinsPerMinute();

    @Option(names = "--log-lines-per-minute", paramLabel = "N",
            description = "Log lines one connection may cause a minute; the rest are counted "
                    + "(default: ${DEFAULT-VALUE}).")
    int logLinesPerMinute = AbuseLimits.defaults().logLinesPerMinute();

    @Option(names = "--rate", paramLabel = "N",
            description = "Messages a second per connection; 0 turns the limit off (default: ${DEFAULT-VALUE}).")
    int rate = ServerConfig.defaults().ratePerSecond();

    @Option(names = "--history", paramLabel = "N", description = "Room events kept for resumes (default: ${DEFAULT-VALUE}).")
    int history = ServerConfig.defaults().historySize();

    @Option(names = "--idle-timeout", paramLabel = "SECONDS",
            description = "Drop a connection silent this long (default: ${DEFAULT-VALUE}).")
    int idleTimeout = (int) ServerConfig.defaults().idleTimeout().toSeconds();

    @Option(names = "--data", paramLabel = "DIR",
            description = "Folder for the host's data: its key (host-key.p12), the history (history/) and the files (files/) "
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

    // Files (issue 18): what the room takes, and from whom how fast. See FileLimits.
    @Option(names = "--no-files", description = "Do not take files: guests can only chat (the files extension is not offered).")
    boolean noFiles;

    @Option(names = "--max-file-mb", paramLabel = "MIB",
            description = "Largest file a person may send, in MiB (default: ${DEFAULT-VALUE}).")
    long maxFileMib = FileLimits.defaults().maxFileBytes() / FileLimits.MIB;

    @Option(names = "--files-store-mb", paramLabel = "MIB",
            description = "Room for the room's files, in MiB; the oldest are removed to make room for new ones "
                    + "(default: ${DEFAULT-VALUE}).")
    long storeCapMib = FileLimits.defaults().storeCapBytes() / FileLimits.MIB;

    @Option(names = "--upload-kb-per-second", paramLabel = "KIB",
            description = "Sustained upload rate a person, in KiB a second, after a burst of twice the largest "
                    + "file; 0 turns the limit off (default: ${DEFAULT-VALUE}).")
    long uploadKibPerSecond = FileLimits.defaults().uploadBytesPerSecond() / 1024;

    @Option(names = "--transfers-per-person", paramLabel = "N",
            description = "Uploads and downloads one person may have running at once (default: ${DEFAULT-VALUE}).")
    int transfersPerPerson = FileLimits.defaults().maxTransfersPerPerson();

    @Option(names = "--no-announce", description = "Do not announce the room on the local network (discovery).")
    boolean noAnnounce;

    @Option(names = "--discovery-port", hidden = true, description = "UDP port of discovery (tests).")
    int discoveryPort = DiscoveryConfig.DEFAULT_PORT;

    @Option(names = "--allow-plaintext",
            description = "Also serve clients without TLS on the same port (scripts, old clients); off by default.")
    boolean allowPlaintext;

    @Option(names = "--print-host-code", description = "Print the host key and host code, then exit.")
    boolean printHostCode;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        validate();
        // Bad arguments first, before anything is written to the data folder.
        String password = printHostCode ? null : readPassword();
        var out = spec.commandLine().getOut();
        DataFolder folder = DataFolder.of(data);
        HostIdentity identity;
        try {
            identity = new HostIdentityStore(folder).loadOrCreate();
        } catch (IOException e) {
            spec.commandLine().getErr().println("parley: cannot load or make the host key in " + folder.path() + ": "
                    + e.getMessage());
            return 1;
        }
        if (printHostCode) {
            printIdentity(out, identity);
            return 0;
        }
        var defaults = ServerConfig.defaults();
        var tls = new ServerTls(identity);
        ServerConfig config = defaults.withBind(bind).withPort(port).withRoom(room, password)
                .withLimits(maxClients, rate, defaults.rateBurst(), history, defaults.outboxLimit())
                .withTimeouts(defaults.helloTimeout(),
                        idleTimeout < 30 ? Duration.ofSeconds(Math.max(1, idleTimeout / 3)) : defaults.pingAfter(),
                        Duration.ofSeconds(idleTimeout), defaults.tick())
                .withAbuse(new AbuseLimits(maxPending, pendingPerAddress, connectsPerMinute,
                        Duration.ofSeconds(banSeconds), Duration.ofMillis(passwordDelayMs),
                        Duration.ofSeconds(passwordDelayMax), joinsPerMinute, logLinesPerMinute))
                .withTls(allowPlaintext ? TlsSettings.alsoPlaintext(tls) : TlsSettings.required(tls));
        Path history = null;
        Path kept = null;
        if (!inMemory) {
            try {
                kept = folder.create().path();
                history = kept.resolve("history");
            } catch (IOException e) {
                spec.commandLine().getErr().println("parley: cannot use the data folder " + folder.path()
                        + ": " + e.getMessage());
                return 1;
            }
            config = config.withLog(config.log().inFolder(history).withRetention(keepDays, keepMessages));
        }
        if (!noFiles) {
            // Files live beside the history (files/<room> in the data folder); in memory, in a temporary folder.
            FileSettings files = kept == null ? FileSettings.temporary() : FileSettings.in(kept);
            config = config.withFiles(files.withLimits(fileLimits()));
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
        printIdentity(out, identity);
        if (allowPlaintext) {
            System.getLogger(ServeCommand.class.getName()).log(System.Logger.Level.WARNING,
                    "--allow-plaintext: clients without TLS are served too; what they send crosses the network in clear");
        }
        // Where the history is kept goes to the log, so standard output keeps to the three lines above.
        System.getLogger(ServeCommand.class.getName()).log(System.Logger.Level.INFO,
                keeps ? "history kept in " + server.historyFile() : "history kept in memory only (--in-memory)");
        out.flush();
        if (!noAnnounce) {
            announce(server, identity);
        }
        new CountDownLatch(1).await();
        return 0;
    }

    /** The two lines guests compare: {@code host key: <64 hex>} and {@code host code: <six words>}. */
    private static void printIdentity(java.io.PrintWriter out, HostIdentity identity) {
        out.println("host key: " + identity.key().hex());
        out.println("host code: " + identity.code().wordsText());
        out.flush();
    }

    /** Announces the room beside the server (never inside its loop); a room that cannot be announced still works. */
    private void announce(RoomServer server, HostIdentity identity) {
        boolean password = server.config().password() != null;
        String key = identity.key().hex();
        try {
            var announcer = Announcer.start(DiscoveryConfig.defaults().withPort(discoveryPort),
                    () -> new HostedRoom(room, server.port(), key, password, server.users().size()));
            System.getLogger(ServeCommand.class.getName()).log(System.Logger.Level.INFO,
                    "announcing \"{0}\" on {1} network adapter(s), UDP port {2}; --no-announce turns this off",
                    room, announcer.adapterCount(), String.valueOf(discoveryPort));
        } catch (IOException e) {
            System.getLogger(ServeCommand.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot announce the room on UDP port {0} ({1}); guests must type the address",
                    String.valueOf(discoveryPort), e.getMessage());
        }
    }

    private FileLimits fileLimits() {
        long maxFile = maxFileMib * FileLimits.MIB;
        // The burst is twice the largest file, as in the defaults (200 MiB for 100 MiB files).
        return FileLimits.defaults().withMaxFileBytes(maxFile).withStoreCapBytes(storeCapMib * FileLimits.MIB)
                .withUploadRate(uploadKibPerSecond * 1024, 2 * maxFile)
                .withMaxTransfersPerPerson(transfersPerPerson);
    }

    private void validate() {
        var cl = spec.commandLine();
        if (port < 0 || port > 65_535) {
            throw new CommandLine.ParameterException(cl, "--port must be between 0 and 65535");
        }
        if (maxClients < 1) {
            throw new CommandLine.ParameterException(cl, "--max-clients must be at least 1");
        }
        if (maxPending < 1 || logLinesPerMinute < 1) {
            throw new CommandLine.ParameterException(cl, "--max-pending and --log-lines-per-minute must be at least 1");
        }
        if (pendingPerAddress < 0 || connectsPerMinute < 0 || banSeconds < 0 || passwordDelayMs < 0
                || passwordDelayMax < 0 || joinsPerMinute < 0) {
            throw new CommandLine.ParameterException(cl, "abuse limits cannot be negative (0 turns one off)");
        }
        if (passwordDelayMax * 1000 < passwordDelayMs) {
            throw new CommandLine.ParameterException(cl,
                    "--password-delay-max cannot be shorter than --password-delay-ms");
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
        if (inMemory && (keepDays > 0 || keepMessages > 0)) {
            throw new CommandLine.ParameterException(cl,
                    "--in-memory keeps no history on disk: leave out --keep-days and --keep-messages");
        }
        if (maxFileMib < 1 || storeCapMib < 1 || transfersPerPerson < 1) {
            throw new CommandLine.ParameterException(cl,
                    "--max-file-mb, --files-store-mb and --transfers-per-person must be at least 1");
        }
        if (maxFileMib > storeCapMib) {
            throw new CommandLine.ParameterException(cl, "--max-file-mb cannot be larger than --files-store-mb");
        }
        if (maxFileMib > 1024 * 1024 || storeCapMib > 1024L * 1024 * 1024) {
            throw new CommandLine.ParameterException(cl, "--max-file-mb or --files-store-mb is too large");
        }
        if (uploadKibPerSecond < 0) {
            throw new CommandLine.ParameterException(cl, "--upload-kb-per-second cannot be negative (0 turns it off)");
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
