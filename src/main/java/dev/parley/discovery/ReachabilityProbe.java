package dev.parley.discovery;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;

/**
 * Opens a TCP connection and closes it at once: the only proof that a room can be joined from here.
 * Blocks up to the timeout; call it off the FX thread and off any event loop.
 */
public final class ReachabilityProbe {
    private ReachabilityProbe() {
    }

    public static Reachability probe(InetSocketAddress target, Duration timeout) {
        try (var socket = new Socket()) {
            socket.connect(target, (int) Math.max(1, timeout.toMillis()));
            return Reachability.REACHABLE;
        } catch (SocketTimeoutException e) {
            return new Reachability.Unreachable(Reachability.Reason.TIMED_OUT, String.valueOf(e.getMessage()));
        } catch (NoRouteToHostException e) {
            return new Reachability.Unreachable(Reachability.Reason.NO_ROUTE, String.valueOf(e.getMessage()));
        } catch (ConnectException e) {
            String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            Reachability.Reason reason = m.contains("refused") ? Reachability.Reason.REFUSED
                    : m.contains("unreachable") ? Reachability.Reason.NO_ROUTE
                    : m.contains("timed out") ? Reachability.Reason.TIMED_OUT : Reachability.Reason.OTHER;
            return new Reachability.Unreachable(reason, String.valueOf(e.getMessage()));
        } catch (IOException | IllegalArgumentException | SecurityException e) {
            return new Reachability.Unreachable(Reachability.Reason.OTHER, String.valueOf(e.getMessage()));
        }
    }
}
