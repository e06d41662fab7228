package dev.parley;

import dev.parley.app.ParleyApp;
import dev.parley.protocol.Version;
import javafx.application.Application;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The entry point: with no command it opens the desktop app; {@code serve} runs a headless host.
 */
@Command(name = "parley", mixinStandardHelpOptions = true, versionProvider = Parley.VersionProvider.class,
        description = "Small self-hosted chat. With no command, opens the desktop app.",
        subcommands = {ServeCommand.class, HostCommand.class, JoinCommand.class, DiscoverCommand.class,
                DoctorCommand.class})
public final class Parley implements Runnable {

    public static void main(String[] args) {
        Logging.configure();
        System.exit(commandLine().execute(args));
    }

    /** The command line with Parley's error handling: one line and exit code 2 for bad arguments. */
    static CommandLine commandLine() {
        var cli = new CommandLine(new Parley());
        cli.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("parley: " + ex.getMessage() + " (see " + cmd.getCommandSpec().qualifiedName()
                    + " --help)");
            return 2;
        });
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("parley: " + ex.getMessage());
            return 1;
        });
        return cli;
    }

    @Override
    public void run() {
        Application.launch(ParleyApp.class);
    }

    /** Reports the version the build stamped in. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Parley " + Version.get()};
        }
    }
}
