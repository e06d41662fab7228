package dev.parley.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Issue 15's attacks against a real host with its default limits and real time, measured: how
 * many passwords one address gets checked in 10 s, how many join+bye cycles it completes in 10 s,
 * and how much log 300 error frames of 60 KB add. A main, not a test (figures, no assertions):
 * {@code java -cp target/classes:target/test-classes:… dev.parley.server.AbuseProbe}. It prints
 * one line per attack.
 */
public final class AbuseProbe {
    private static final InetAddress ATTACKER = loopback(2);

    private AbuseProbe() {
    }

    public static void main(String[] args) throws Exception {
        guessing();
        churn();
        logFlood();
    }

    private static void guessing() throws Exception {
        var config = RoomFixture.config().withRoom("probe", "the right one");
        try (var server = new RoomServer(config).start()) {
            long end = System.nanoTime() + 10_000_000_000L;
            int checked = 0;
            int refused = 0;
            while (System.nanoTime() < end) {
                String answer = exchange(server.port(),
                        "{\"type\":\"hello\",\"v\":1,\"nick\":\"mallory\",\"password\":\"guess\"}");
                if (answer == null) {
                    refused++;
                } else if (answer.contains("bad_password")) {
                    checked++;
                } else {
                    refused++;
                }
            }
            System.out.printf("guessing: %d wrong passwords checked in 10 s (%.1f a second), %d attempts refused "
                    + "or closed unchecked%n", checked, checked / 10.0, refused);
        }
    }

    private static void churn() throws Exception {
        try (var server = new RoomServer(RoomFixture.config()).start()) {
            long end = System.nanoTime() + 10_000_000_000L;
            int joined = 0;
            int refused = 0;
            for (int i = 0; System.nanoTime() < end; i++) {
                String answer = exchange(server.port(),
                        "{\"type\":\"hello\",\"v\":1,\"nick\":\"churn" + i + "\"}\n{\"type\":\"bye\"}");
                if (answer != null && answer.contains("welcome")) {
                    joined++;
                } else {
                    refused++;
                }
            }
            System.out.printf("churn: %d join+bye cycles in 10 s (%.1f a second), %d refused%n", joined,
                    joined / 10.0, refused);
        }
    }

    private static void logFlood() throws Exception {
        var bytes = new AtomicLong();
        var lines = new AtomicLong();
        var formatter = new SimpleFormatter();
        Handler count = new Handler() {
            @Override
            public void publish(LogRecord r) {
                lines.incrementAndGet();
                bytes.addAndGet(formatter.format(r).getBytes(StandardCharsets.UTF_8).length);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger("dev.parley.server");
        try (var server = new RoomServer(RoomFixture.config()).start()) {
            var peer = RawPeer.connectFrom(ATTACKER, server.port());
            peer.join("mallory");
            log.setLevel(java.util.logging.Level.INFO);
            log.setUseParentHandlers(false);
            log.addHandler(count);
            String huge = "x".repeat(60_000);
            for (int i = 0; i < 300; i++) {
                peer.send(RawPeer.json("type", "error", "code", "bad_frame", "message", i + huge));
            }
            peer.sync();
            log.removeHandler(count);
            peer.close();
        }
        System.out.printf("log flood: 300 error frames of 60 KB added %d log lines, %,d bytes%n", lines.get(),
                bytes.get());
    }

    /** One connection from the attacker's address: sends the lines, returns the first answer line (null if none). */
    private static String exchange(int port, String lines) {
        try (var socket = new Socket()) {
            socket.bind(new InetSocketAddress(ATTACKER, 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((lines + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            return in.readLine();
        } catch (IOException e) {
            return null;
        }
    }

    private static InetAddress loopback(int last) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
