package dev.parley.bench;

import dev.parley.files.Cancellation;
import dev.parley.files.Downloader;
import dev.parley.files.FileHasher;
import dev.parley.files.FileHost;
import dev.parley.files.FileLimits;
import dev.parley.files.FileOffer;
import dev.parley.files.FileRoomListener;
import dev.parley.files.OfferDecision;
import dev.parley.files.SocketConnector;
import dev.parley.files.StoredFile;
import dev.parley.files.TransferCodec;
import dev.parley.files.TransferProgress;
import dev.parley.files.TransferStream;
import dev.parley.files.Uploader;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Throughput of file transfers over plain loopback TCP (over TLS through the real host:
 * {@link FilesOverTlsBench}): one upload,
 * then the stored file to 1 and to N downloaders at once, each against the floor of this machine, a
 * bare socket copy of the same bytes to as many readers (no hashing, no disk on the reading side).
 * A plain main, not a test; run it on a quiet machine:
 *
 * <pre>
 * ./mvnw -q -o test-compile
 * ./mvnw -q -o dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) dev.parley.bench.FileTransferBench [MiB] [downloaders]
 * </pre>
 * Defaults: a 100 MiB file, 10 downloaders. Files go to a temporary folder, deleted at the end.
 */
public final class FileTransferBench {
    private static final int CHUNK = 64 * 1024;

    private FileTransferBench() {
    }

    public static void main(String[] args) throws Exception {
        long mib = args.length > 0 ? Long.parseLong(args[0]) : 100;
        int downloaders = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        long size = mib * FileLimits.MIB;
        Path work = Files.createTempDirectory("parley-files-bench");
        try {
            run(work, size, downloaders);
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(Path work, long size, int downloaders) throws Exception {
        Path source = work.resolve("source.bin");
        writeRandom(source, size);
        var stored = new ArrayList<StoredFile>();
        FileRoomListener listener = new FileRoomListener() {
            @Override
            public void stored(StoredFile file) {
                stored.add(file);
            }

            @Override
            public void evicted(List<String> sha256s) {
            }
        };
        FileLimits limits = FileLimits.defaults().withMaxFileBytes(Math.max(size, FileLimits.MIB))
                .withStoreCapBytes(4 * Math.max(size, FileLimits.MIB)).withUploadRate(0, 0)
                .withMaxTransfersPerPerson(downloaders + 1);
        try (FileHost host = new FileHost(work.resolve("host"), limits, listener);
             ServerSocket listening = new ServerSocket(0, 100, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> acceptTransfers(listening, host));
            var connector = new SocketConnector(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    listening.getLocalPort()));

            FileOffer offer = FileHasher.offer("bench", source, TransferProgress.NONE, new Cancellation());
            var accepted = (OfferDecision.Accepted) host.offer("uploader", offer);
            long start = System.nanoTime();
            new Uploader(connector).upload(accepted.token(), source, size, TransferProgress.NONE, new Cancellation());
            report("upload, 1 sender", size, System.nanoTime() - start);

            for (int n : new int[]{1, downloaders}) {
                long took = timeAll(n, i -> {
                    Path into = Files.createDirectories(work.resolve("down-" + n + "-" + i));
                    new Downloader(connector, host.grant("reader" + i)).save(offer.sha256(), size, into, "f.bin",
                            TransferProgress.NONE, new Cancellation());
                    return null;
                });
                report("download to " + n, n * size, took);
                report("floor: socket copy to " + n, n * size, floor(source, n));
            }
        }
    }

    private static void acceptTransfers(ServerSocket listening, FileHost host) {
        while (!listening.isClosed()) {
            try {
                Socket socket = listening.accept();
                Thread.ofVirtual().start(() -> {
                    try (socket) {
                        TransferStream stream = TransferStream.of(socket);
                        host.serve(TransferCodec.readLine(stream.in()), stream);
                    } catch (IOException ignored) {
                        // A transfer that ended early; the bench reports what finished.
                    }
                });
            } catch (IOException e) {
                return;
            }
        }
    }

    /** The same bytes read from disk and written to {@code n} sockets at once, read and dropped at the other end. */
    private static long floor(Path source, int n) throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 100, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                for (int i = 0; i < n; i++) {
                    try {
                        Socket socket = listening.accept();
                        Thread.ofVirtual().start(() -> {
                            try (socket; InputStream in = Files.newInputStream(source)) {
                                in.transferTo(socket.getOutputStream());
                            } catch (IOException ignored) {
                                // Reported by the reading side.
                            }
                        });
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            return timeAll(n, i -> {
                try (var socket = new Socket(InetAddress.getLoopbackAddress(), listening.getLocalPort())) {
                    socket.getInputStream().transferTo(OutputStream.nullOutputStream());
                }
                return null;
            });
        }
    }

    /** One of {@code n} jobs run at once by {@link #timeAll}. */
    interface Job {
        Void run(int index) throws Exception;
    }

    /** Runs {@code n} jobs at once, each on a virtual thread, and returns the nanoseconds until all ended. */
    static long timeAll(int n, Job job) throws Exception {
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            long start = System.nanoTime();
            var futures = new ArrayList<Future<Void>>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(threads.submit((Callable<Void>) () -> job.run(index)));
            }
            for (Future<Void> future : futures) {
                future.get();
            }
            return System.nanoTime() - start;
        }
    }

    private static void report(String what, long bytes, long nanos) {
        System.out.printf("%-28s %,8.0f MB/s  (%,d MB in %.2f s)%n", what, bytes / (nanos / 1e9) / 1e6, bytes / 1_000_000,
                nanos / 1e9);
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
