package dev.parley.bench;

import dev.parley.client.ChatClient;
import dev.parley.client.ChatEvent;
import dev.parley.client.ClientConfig;
import dev.parley.client.FileDownload;
import dev.parley.client.FileUpload;
import dev.parley.client.HostTrust;
import dev.parley.client.TlsDialer;
import dev.parley.files.Cancellation;
import dev.parley.files.FileLimits;
import dev.parley.files.TransferProgress;
import dev.parley.protocol.Frame;
import dev.parley.testing.ServeProcess;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Files end to end over TLS on loopback through the real {@code serve} process (its own JVM, its data
 * folder on disk): one upload; the stored file to 1 guest and to N guests at once, each guest its own
 * chat client with its own download key, the file hashed before it counts as saved; each against the
 * floor of this machine, a {@code socat} TLS 1.3 copy of the same bytes to as many readers (no Java, no
 * hashing, no disk on the reading side); and a chatter's echo latency (p50, p99, max) idle and during
 * the N downloads. A plain main, not a test; run it on a quiet machine (the lead does):
 *
 * <pre>
 * ./mvnw -q -o test-compile
 * ./mvnw -q -o dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) dev.parley.bench.FilesOverTlsBench [MiB] [guests]
 * </pre>
 * Defaults: a 100 MiB file, 10 guests. Needs {@code socat} and {@code openssl} for the floor (without
 * them the floor lines say so). Files go to a temporary folder, deleted at the end.
 */
public final class FilesOverTlsBench {
    private static final int CHUNK = 64 * 1024;
    private static final Duration CHAT_EVERY = Duration.ofMillis(20);

    private FilesOverTlsBench() {
    }

    public static void main(String[] args) throws Exception {
        long mib = args.length > 0 ? Long.parseLong(args[0]) : 100;
        int guests = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path work = Files.createTempDirectory("parley-files-tls-bench");
        try {
            run(work, mib, guests);
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(0); // the chat clients' threads are not daemons
    }

    private static void run(Path work, long mib, int guests) throws Exception {
        long size = mib * FileLimits.MIB;
        Path source = work.resolve("source.bin");
        writeRandom(source, size);
        Files.createDirectories(work.resolve("data"));
        try (var serve = ServeProcess.onClassPath("--port", "0", "--bind", "127.0.0.1", "--no-announce",
                "--data", work.resolve("data").toString(), "--rate", "0", "--connects-per-minute", "0",
                // Every guest is on 127.0.0.1: its transfer connections never say hello, so they count as
                // waiting connections from one address (5 by default), like guests behind one NAT.
                "--max-pending-per-address", "0",
                "--joins-per-minute", "0", "--max-file-mb", String.valueOf(Math.max(1, mib)),
                "--files-store-mb", String.valueOf(4 * Math.max(1, mib)), "--upload-kb-per-second", "0",
                "--transfers-per-person", String.valueOf(guests + 1))) {
            var clients = new ArrayList<ChatClient>();
            try {
                ChatClient sender = join(serve, "sender", clients);
                List<ChatClient> readers = new ArrayList<>();
                for (int i = 0; i < guests; i++) {
                    readers.add(join(serve, "guest" + i, clients));
                }
                var chatter = new Chatter(join(serve, "chatter", clients));

                var upload = new FileUpload(source);
                long[] hashedAt = new long[1];
                long begin = System.nanoTime();
                upload.run(sender, (done, total) -> {
                    if (done == total) {
                        hashedAt[0] = System.nanoTime();
                    }
                }, TransferProgress.NONE, new Cancellation());
                long stored = System.nanoTime();
                report("hash + offer + upload + store", size, stored - begin);
                report("hash on the sender", size, hashedAt[0] - begin);
                report("offer + upload over TLS + store", size, stored - hashedAt[0]);
                Frame.FileEvent file = awaitFile(readers.getFirst(), upload.id());
                System.out.printf("%-34s %s%n", "chat idle", chatter.measure(Duration.ofSeconds(3)));

                for (int n : new int[]{1, guests}) {
                    chatter.start();
                    long took = FileTransferBench.timeAll(n, i -> {
                        Path into = Files.createDirectories(work.resolve("down-" + n + "-" + i));
                        FileDownload.save(readers.get(i), file, into, TransferProgress.NONE, new Cancellation());
                        return null;
                    });
                    String chat = chatter.stop();
                    report("download over TLS to " + n, n * size, took);
                    System.out.printf("%-34s %s%n", "chat during " + n + " download(s)", chat);
                    report("floor: socat TLS copy to " + n, n * size, SocatFloor.copy(work, source, n));
                }
            } finally {
                clients.forEach(ChatClient::close);
            }
        }
    }

    private static ChatClient join(ServeProcess serve, String nick, List<ChatClient> clients) throws Exception {
        var client = new ChatClient(ClientConfig.of("127.0.0.1", serve.port(), nick),
                new TlsDialer(HostTrust.expect(serve.hostKey(), null), null));
        clients.add(client);
        client.connect();
        return client;
    }

    private static Frame.FileEvent awaitFile(ChatClient reader, String id) throws InterruptedException {
        while (true) {
            if (reader.takeEvent() instanceof ChatEvent.FileShared shared && shared.file().id().equals(id)) {
                return shared.file();
            }
        }
    }

    /** Says something every {@link #CHAT_EVERY} and times each echo of its own message. */
    private static final class Chatter {
        private final ChatClient client;
        private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
        private final List<Long> delays = new CopyOnWriteArrayList<>();
        private volatile boolean talking;
        private Thread talk;
        private int n;

        Chatter(ChatClient client) {
            this.client = client;
            Thread.ofVirtual().start(this::listen);
        }

        String measure(Duration how) throws InterruptedException {
            start();
            Thread.sleep(how.toMillis()); // the bench's own pacing, not a synchronisation
            return stop();
        }

        void start() {
            delays.clear();
            talking = true;
            talk = Thread.ofVirtual().start(() -> {
                while (talking) {
                    String text = "tick " + n++;
                    sentAt.put(text, System.nanoTime());
                    client.send(text);
                    try {
                        Thread.sleep(CHAT_EVERY.toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        String stop() throws InterruptedException {
            talking = false;
            talk.join();
            Thread.sleep(200); // the last echoes' way back
            List<Long> sorted = delays.stream().sorted().toList();
            if (sorted.isEmpty()) {
                return "no echoes";
            }
            return String.format("%d echoes, p50 %.2f ms, p99 %.2f ms, max %.2f ms", sorted.size(),
                    sorted.get(sorted.size() / 2) / 1e6, sorted.get(Math.min(sorted.size() - 1,
                            (int) (sorted.size() * 0.99))) / 1e6, sorted.getLast() / 1e6);
        }

        private void listen() {
            try {
                while (true) {
                    if (client.takeEvent() instanceof ChatEvent.Message m && m.own()) {
                        Long at = sentAt.remove(m.msg().text());
                        if (at != null && talking) {
                            delays.add(System.nanoTime() - at);
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The machine's floor: {@code socat} serving the file over TLS 1.3 to {@code n} {@code socat} readers at once. */
    private static final class SocatFloor {
        static long copy(Path work, Path source, int n) throws Exception {
            Path cert = work.resolve("floor-cert.pem");
            Path key = work.resolve("floor-key.pem");
            if (!Files.exists(cert)) {
                if (!runs("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                        "-nodes", "-subj", "/CN=floor", "-days", "1", "-keyout", key.toString(), "-out",
                        cert.toString())) {
                    System.out.println("floor: openssl could not make a certificate");
                    return -1;
                }
            }
            int port;
            try (var probe = new java.net.ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            Process server;
            try {
                server = new ProcessBuilder("socat", "-U", "OPENSSL-LISTEN:" + port + ",bind=127.0.0.1,reuseaddr,fork,"
                        + "cert=" + cert + ",key=" + key + ",verify=0,min-version=TLS1.3", "OPEN:" + source + ",rdonly")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException e) {
                System.out.println("floor: socat not found (apt-get install socat)");
                return -1;
            }
            try {
                waitForPort(port);
                return FileTransferBench.timeAll(n, i -> {
                    Process reader = new ProcessBuilder("socat", "-u", "OPENSSL:127.0.0.1:" + port + ",verify=0",
                            "STDOUT").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                    if (!reader.waitFor(10, TimeUnit.MINUTES) || reader.exitValue() != 0) {
                        throw new IOException("a socat reader failed: " + reader.exitValue());
                    }
                    return null;
                });
            } finally {
                server.destroy();
                server.waitFor(10, TimeUnit.SECONDS);
            }
        }

        private static boolean runs(String... command) throws Exception {
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                return false;
            }
        }

        private static void waitForPort(int port) throws Exception {
            for (int i = 0; i < 100; i++) {
                try (var s = new java.net.Socket("127.0.0.1", port)) {
                    return;
                } catch (IOException e) {
                    Thread.sleep(50); // socat is starting; a bench's own polling
                }
            }
            throw new IOException("socat did not listen on " + port);
        }
    }

    private static void report(String what, long bytes, long nanos) {
        if (nanos <= 0) {
            return;
        }
        System.out.printf("%-34s %,8.0f MB/s  (%,d MB in %.2f s)%n", what, bytes / (nanos / 1e9) / 1e6,
                bytes / 1_000_000, nanos / 1e9);
    }

    private static void writeRandom(Path file, long size) throws IOException {
        var random = new Random(1);
        byte[] chunk = new byte[CHUNK];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= CHUNK) {
                random.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(CHUNK, left));
            }
        }
    }
}
