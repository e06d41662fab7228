package dev.parley.server;

import dev.parley.testing.TestTls;
import dev.parley.tls.KeyCheck;
import dev.parley.tls.TlsConnector;
import dev.parley.tls.TlsOutcome;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A participant that speaks the wire protocol by hand: raw loopback socket (plain, or TLS 1.3 pinned to
 * the test host's key: {@link Wire}), one JSON object per line, parsed with Jackson's tree model only. It
 * knows nothing of the project's frame classes, so what it checks is what any other implementation of
 * {@code PROTOCOL.md} would see.
 *
 * <p>Every read waits at most {@link #WAIT} and fails the test instead of hanging.
 */
final class RawPeer implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicLong SYNC = new AtomicLong(1_000_000);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final byte[] chunk = new byte[8192];
    private int chunkAt;
    private int chunkEnd;
    private final List<JsonNode> read = new ArrayList<>();

    private RawPeer(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static RawPeer connect(int port) {
        return connect(port, 0, Wire.PLAIN);
    }

    /** A peer on {@code wire}: plain TCP, or TLS 1.3 that goes on only with the test host's key. */
    static RawPeer connect(int port, Wire wire) {
        return connect(port, 0, wire);
    }

    /** A peer whose kernel receive buffer is tiny, so it stops the server's writes when it does not read. */
    static RawPeer connectNotReading(int port) {
        return connect(port, 4096, Wire.PLAIN);
    }

    /** A peer whose socket is bound to {@code local} (127.0.0.2, say): another address to the host. */
    static RawPeer connectFrom(InetAddress local, int port) {
        return connect(local, port, 0, Wire.PLAIN);
    }

    static RawPeer connectNotReading(int port, Wire wire) {
        return connect(port, 4096, wire);
    }

    private static RawPeer connect(int port, int receiveBuffer, Wire wire) {
        return connect(null, port, receiveBuffer, wire);
    }

    /** A peer whose connection comes from {@code local} (127.0.0.2 for an attacker on loopback). */
    static RawPeer connectFrom(int port, String local) {
        try {
            var socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(local), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            return new RawPeer(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Resets the connection (RST, no FIN): the way a cut or a crashed client looks to the host. */
    void reset() {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException ignored) {
            // Gone either way.
        }
    }

    private static RawPeer connect(InetAddress local, int port, int receiveBuffer, Wire wire) {
        try {
            var socket = wire == Wire.TLS ? TlsConnector.newSocket() : new Socket();
            if (local != null) {
                socket.bind(new InetSocketAddress(local, 0));
            }
            if (receiveBuffer > 0) {
                socket.setReceiveBufferSize(receiveBuffer);
            }
            socket.setTcpNoDelay(true);
            var loopback = InetAddress.getLoopbackAddress();
            socket.connect(new InetSocketAddress(loopback, port), 5_000);
            if (wire == Wire.PLAIN) {
                return new RawPeer(socket);
            }
            TlsOutcome outcome = new TlsConnector(Duration.ofSeconds(5), WAIT).secure(socket,
                    loopback.getHostAddress(), port, new KeyCheck.Pinned(TestTls.key()));
            if (!(outcome instanceof TlsOutcome.Secured secured)) {
                return fail("the server did not prove the test host key: " + outcome);
            }
            return new RawPeer(secured.socket());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON object from alternating member names and values, in that order. */
    static String json(Object... namesAndValues) {
        var members = new LinkedHashMap<String, Object>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            members.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return JSON.writeValueAsString(members);
    }

    /** Sends one frame: the text and a newline. */
    void send(String frame) {
        sendBytes((frame + "\n").getBytes(StandardCharsets.UTF_8));
    }

    void sendBytes(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Says hello and returns the welcome; the replay and the own {@code joined} are left unread. */
    JsonNode hello(String nick, Object... extraMembers) {
        List<Object> members = new ArrayList<>(List.of("type", "hello", "v", 1, "nick", nick));
        members.addAll(List.of(extraMembers));
        send(json(members.toArray()));
        JsonNode welcome = next();
        assertEquals("welcome", welcome.path("type").asString(), () -> "expected welcome, got " + welcome);
        return welcome;
    }

    /** Reads exactly the {@code history} frames a welcome announced. */
    List<JsonNode> replay(JsonNode welcome) {
        List<JsonNode> replay = new ArrayList<>();
        for (int i = 0; i < welcome.path("history").asInt(); i++) {
            replay.add(next());
        }
        return replay;
    }

    /** Joins, reads the replay and the own {@code joined}, and returns the welcome. */
    JsonNode join(String nick, Object... extraMembers) {
        JsonNode welcome = hello(nick, extraMembers);
        replay(welcome);
        awaitFrame(f -> f.path("type").asString().equals("joined") && f.path("nick").asString().equals(welcome.path("you").asString()));
        return welcome;
    }

    /** Sends a message and waits for its echo. */
    JsonNode say(String id, String text) {
        send(json("type", "send", "id", id, "text", text));
        return awaitFrame(f -> isMsg(f, id));
    }

    /** The next frame, as a JSON tree. */
    JsonNode next() {
        return next(WAIT);
    }

    JsonNode next(Duration wait) {
        String line = nextLine(wait);
        if (line == null) {
            return fail("the server closed the connection while a frame was expected");
        }
        JsonNode frame = JSON.readTree(line);
        read.add(frame);
        return frame;
    }

    /** The ids of every {@code msg} this peer has read so far, in order. */
    List<String> messagesRead() {
        return read.stream().filter(f -> f.path("type").asString().equals("msg")).map(f -> f.path("id").asString())
                .toList();
    }

    /** How many frames this peer has read so far that match. */
    long countRead(Predicate<JsonNode> which) {
        return read.stream().filter(which).count();
    }

    /** The next non-empty line without its line end, or {@code null} at the end of the stream. */
    String nextLine(Duration wait) {
        try {
            socket.setSoTimeout((int) wait.toMillis());
            while (true) {
                if (chunkAt == chunkEnd) {
                    chunkEnd = in.read(chunk);
                    chunkAt = 0;
                    if (chunkEnd < 0) {
                        chunkEnd = 0;
                        return null;
                    }
                }
                byte b = chunk[chunkAt++];
                if (b != '\n') {
                    partial.write(b);
                    continue;
                }
                String line = partial.toString(StandardCharsets.UTF_8);
                partial.reset();
                if (line.endsWith("\r")) {
                    line = line.substring(0, line.length() - 1);
                }
                if (!line.isEmpty()) {
                    return line;
                }
            }
        } catch (SocketTimeoutException e) {
            return fail("no frame arrived within " + wait);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads until a frame matches and returns it, dropping what came before. */
    JsonNode awaitFrame(Predicate<JsonNode> wanted) {
        List<JsonNode> frames = readUntil(wanted);
        return frames.getLast();
    }

    JsonNode awaitType(String type) {
        return awaitFrame(f -> f.path("type").asString().equals(type));
    }

    /** Every frame up to and including the first that matches. */
    List<JsonNode> readUntil(Predicate<JsonNode> wanted) {
        List<JsonNode> frames = new ArrayList<>();
        while (true) {
            JsonNode frame = next();
            frames.add(frame);
            if (wanted.test(frame)) {
                return frames;
            }
        }
    }

    /**
     * A barrier: pings with a fresh {@code n} and returns every frame that arrived before the pong.
     * The server handles one connection's frames in order, so all its answers to what this peer
     * sent before are in the list.
     */
    List<JsonNode> sync() {
        long n = SYNC.incrementAndGet();
        send(json("type", "ping", "n", n));
        List<JsonNode> frames = readUntil(f -> f.path("type").asString().equals("pong") && f.path("n").asLong() == n);
        frames.removeLast();
        return frames;
    }

    /** The next frame is an error with this code; returns it. */
    JsonNode expectError(String code) {
        JsonNode frame = next();
        assertEquals("error", frame.path("type").asString(), () -> "expected error " + code + ", got " + frame);
        assertEquals(code, frame.path("code").asString(), () -> "unexpected error " + frame);
        return frame;
    }

    /** The server ends the connection without sending anything more. */
    void assertClosed() {
        try {
            String line = nextLine(WAIT);
            if (line != null) {
                fail("expected the connection to be closed, got " + line);
            }
        } catch (UncheckedIOException e) {
            if (!endsConnection(e)) {
                throw e;
            }
            // A reset also ends the connection.
        }
    }

    /** Every frame until the server ends the connection (by a close or a reset). */
    List<JsonNode> readUntilClosed() {
        List<JsonNode> frames = new ArrayList<>();
        try {
            for (String line; (line = nextLine(WAIT)) != null; ) {
                frames.add(JSON.readTree(line));
            }
        } catch (UncheckedIOException e) {
            if (!endsConnection(e)) {
                throw e;
            }
        }
        return frames;
    }

    /**
     * Whether nothing from the host is waiting to be read right now (not even the end of the
     * stream being known). Meaningful after a barrier that the host had to pass after whatever
     * would have answered this peer.
     */
    boolean nothingToRead() {
        try {
            return chunkAt == chunkEnd && partial.size() == 0 && in.available() == 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A reset, or over TLS the session breaking with the connection, ends it as a close does. */
    private static boolean endsConnection(UncheckedIOException e) {
        return e.getCause() instanceof SocketException || e.getCause() instanceof javax.net.ssl.SSLException;
    }

    static boolean isMsg(JsonNode frame, String id) {
        return frame.path("type").asString().equals("msg") && frame.path("id").asString().equals(id);
    }

    static boolean isRoomEvent(JsonNode frame) {
        return frame.has("seq");
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is all we wanted.
        }
    }
}
