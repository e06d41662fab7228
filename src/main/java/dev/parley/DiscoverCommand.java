package dev.parley;

import dev.parley.discovery.DiscoveredRoom;
import dev.parley.discovery.DiscoveryConfig;
import dev.parley.discovery.RoomBrowser;
import dev.parley.discovery.RoomList;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code parley discover}: lists the rooms announced on the local network, one tab-separated line each. */
@Command(name = "discover", mixinStandardHelpOptions = true, versionProvider = Parley.VersionProvider.class,
        description = {"List the Parley rooms announced on this computer's networks.",
                "Prints ROOM<TAB>ADDRESS:PORT<TAB>HOSTKEY<TAB>PEOPLE per room (HOSTKEY is - when the host has none)."})
final class DiscoverCommand implements Callable<Integer> {

    @Option(names = "--timeout", paramLabel = "S", description = "Seconds to listen (default: ${DEFAULT-VALUE}).")
    double timeout = 3;

    @Option(names = "--discovery-port", hidden = true, description = "UDP port of discovery (tests).")
    int discoveryPort = DiscoveryConfig.DEFAULT_PORT;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (!(timeout > 0 && timeout <= 3_600)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--timeout must be between 0 and 3600 seconds");
        }
        List<DiscoveredRoom> rooms;
        try (var browser = RoomBrowser.start(DiscoveryConfig.defaults().withPort(discoveryPort), Clock.systemUTC(),
                false)) {
            Thread.sleep((long) (timeout * 1_000));
            rooms = RoomList.onePerHost(browser.rooms());
        } catch (IOException e) {
            spec.commandLine().getErr().println("parley: cannot listen on UDP port " + discoveryPort + ": "
                    + e.getMessage());
            return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        for (DiscoveredRoom r : rooms) {
            out.println(r.room() + "\t" + r.display() + "\t" + (r.hostKey() == null ? "-" : r.hostKey()) + "\t"
                    + r.people());
        }
        out.flush();
        if (rooms.isEmpty()) {
            spec.commandLine().getErr().println("No Parley room answered within " + seconds() + ". Check that the"
                    + " host is running and announcing (not started with --no-announce), that both computers are on"
                    + " the same network, and that no firewall blocks UDP port " + discoveryPort
                    + "; `parley doctor` checks this computer.");
        }
        return 0;
    }

    private String seconds() {
        return (timeout == Math.rint(timeout) ? String.valueOf((long) timeout) : String.valueOf(timeout)) + " s";
    }
}
