package dev.parley.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 15, items 7, 8 and 10, through a real host on loopback: a hostile peer's look-alike and
 * invisible names, lone surrogates and blank texts are refused, while two honest members chat
 * throughout and both see every message exactly once, in the same order.
 *
 * <p>Uses only {@link RoomServer}, {@link ServerConfig} and raw sockets speaking the wire protocol
 * (every frame written by hand), so it does not depend on how the host is built inside.
 */
@Timeout(60)
class HostileTextTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int READ_TIMEOUT_MS = 10_000;

    private RoomServer server;
    private final List<Peer> peers = new ArrayList<>();
    private Peer alice;
    private Peer bob;
    private final List<String> said = new ArrayList<>();

    @BeforeEach
    void twoHonestMembersChat() throws IOException {
        server = new RoomServer(ServerConfig.defaults().withBind("127.0.0.1").withPort(0)).start();
        alice = connect();
        alice.join("alice");
        bob = connect();
        bob.join("bob");
        alice.awaitFrame(f -> isType(f, "joined") && f.path("nick").asString().equals("bob"));
        alice.joinedSeen.clear();
        chat("before");
    }

    @AfterEach
    void bothSawEveryMessageOnceInTheSameOrder() {
        try {
            if (alice != null && bob != null) {
                chat("after");
                List<String> aliceSaw = alice.messagesUntilAll(said);
                List<String> bobSaw = bob.messagesUntilAll(said);
                assertEquals(said.size(), aliceSaw.size(), () -> "alice saw " + aliceSaw);
                assertEquals(Set.copyOf(said), Set.copyOf(aliceSaw), "alice saw exactly what the honest members said");
                assertEquals(aliceSaw, bobSaw, "alice and bob saw the same messages in the same order");
                assertTrue(alice.joinedSeen.isEmpty() && bob.joinedSeen.isEmpty(),
                        () -> "nobody else joined, yet the members saw " + alice.joinedSeen + " " + bob.joinedSeen);
            }
        } finally {
            peers.forEach(Peer::close);
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    void lookAlikeOfAPresentNameIsRefusedAsTaken() {
        for (String lookAlike : List.of("\u0430lice", "ALICE", "\uFF41\uFF4C\uFF49\uFF43\uFF45", "al\u0131ce",
                "\uD835\uDC1A\uD835\uDC25\uD835\uDC22\uD835\uDC1C\uD835\uDC1E", "a\u0301lice")) {
            Peer mallory = connect();
            mallory.send(json("type", "hello", "v", 1, "nick", lookAlike));
            mallory.expectErrorAndClose("nick_taken");
            chat("during " + lookAlike.codePointAt(0));
        }
    }

    @Test
    void invisibleAndBrokenNamesAreRefusedAsInvalid() {
        for (String hello : List.of(json("type", "hello", "v", 1, "nick", "\u3164"),
                json("type", "hello", "v", 1, "nick", "\uFFA0\uFFA0"),
                json("type", "hello", "v", 1, "nick", "\u0301\u0302"),
                json("type", "hello", "v", 1, "nick", "alice\uFE0F"),
                json("type", "hello", "v", 1, "nick", "bob\u200B"),
                "{\"type\":\"hello\",\"v\":1,\"nick\":\"mal\\ud800lory\"}")) {
            Peer mallory = connect();
            mallory.send(hello);
            JsonNode error = mallory.expectErrorAndClose("nick_invalid");
            assertTrue(error.path("message").asString().endsWith("."), () -> "a sentence, got " + error);
            chat("during " + hello.length());
        }
    }

    @Test
    void loneSurrogateTextIsRefusedAsTextInvalid() {
        Peer mallory = connect();
        mallory.join("mallory");
        alice.awaitFrame(f -> isType(f, "joined") && f.path("nick").asString().equals("mallory"));
        bob.awaitFrame(f -> isType(f, "joined") && f.path("nick").asString().equals("mallory"));
        mallory.send("{\"type\":\"send\",\"id\":\"x1\",\"text\":\"a\\ud800b\"}");
        assertEquals("x1", mallory.expectError("text_invalid").path("ref").asString());
        chat("between");
        mallory.send("{\"type\":\"send\",\"id\":\"x2\",\"text\":\"\\udc00\"}");
        assertEquals("x2", mallory.expectError("text_invalid").path("ref").asString());
        assertNull(mallory.messageAmongNextFramesUntilPong(), "nothing mallory sent was delivered");

        // Raw surrogate bytes are not UTF-8 at all: the frame is bad and the connection ends.
        byte[] head = "{\"type\":\"send\",\"id\":\"x3\",\"text\":\"a".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "b\"}\n".getBytes(StandardCharsets.UTF_8);
        var raw = new byte[head.length + 3 + tail.length];
        System.arraycopy(head, 0, raw, 0, head.length);
        raw[head.length] = (byte) 0xED;
        raw[head.length + 1] = (byte) 0xA0;
        raw[head.length + 2] = (byte) 0x80;
        System.arraycopy(tail, 0, raw, head.length + 3, tail.length);
        mallory.sendBytes(raw);
        mallory.expectErrorAndClose("bad_frame");
        alice.joinedSeen.remove("mallory");
        bob.joinedSeen.remove("mallory");
    }

    @Test
    void blankTextsOfNoBreakSpacesOrInvisiblesAreRefusedAsTextInvalid() {
        Peer mallory = connect();
        mallory.join("mallory");
        alice.awaitFrame(f -> isType(f, "joined") && f.path("nick").asString().equals("mallory"));
        bob.awaitFrame(f -> isType(f, "joined") && f.path("nick").asString().equals("mallory"));
        List<String> blanks = List.of("\u00A0", "\u2007", "\u202F", "\u00A0 \u2007\u202F", "\u200B", "\uFEFF", "\u3164",
                "\uFFA0", "\u2800", "\u0301\u0336");
        for (int i = 0; i < blanks.size(); i++) {
            String id = "blank" + i;
            mallory.send(json("type", "send", "id", id, "text", blanks.get(i)));
            assertEquals(id, mallory.expectError("text_invalid").path("ref").asString());
            chat("during blank " + i);
        }
        assertNull(mallory.messageAmongNextFramesUntilPong(), "nothing mallory sent was delivered");
        alice.joinedSeen.remove("mallory");
        bob.joinedSeen.remove("mallory");
    }

    /** Each honest member says one line; their echoes are checked once the test is over. */
    private void chat(String when) {
        String a = "alice " + when + " " + said.size();
        alice.send(json("type", "send", "id", "a" + said.size(), "text", a));
        said.add("a" + said.size());
        bob.send(json("type", "send", "id", "b" + said.size(), "text", "bob " + when));
        said.add("b" + said.size());
    }

    private Peer connect() {
        var peer = new Peer(server.port());
        peers.add(peer);
        return peer;
    }

    private static String json(Object... namesAndValues) {
        var node = JSON.createObjectNode();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Object value = namesAndValues[i + 1];
            if (value instanceof Integer n) {
                node.put((String) namesAndValues[i], n);
            } else {
                node.put((String) namesAndValues[i], (String) value);
            }
        }
        return JSON.writeValueAsString(node);
    }

    private static boolean isType(JsonNode frame, String type) {
        return frame.path("type").asString().equals(type);
    }

    /** One raw connection: writes lines, reads lines as JSON trees, records room events it passes. */
    private static final class Peer implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final BufferedReader in;
        private final List<String> messages = new ArrayList<>();
        final Set<String> joinedSeen = new LinkedHashSet<>();
        private String nick;
        private long pings;

        Peer(int port) {
            try {
                socket = new Socket();
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                socket.setSoTimeout(READ_TIMEOUT_MS);
                out = socket.getOutputStream();
                in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void join(String name) {
            send(json("type", "hello", "v", 1, "nick", name));
            JsonNode welcome = next();
            assertEquals("welcome", welcome.path("type").asString(), () -> "expected welcome, got " + welcome);
            nick = welcome.path("you").asString();
            awaitFrame(f -> isType(f, "joined") && f.path("nick").asString().equals(nick));
            joinedSeen.clear();
            messages.clear();
        }

        void send(String line) {
            sendBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
        }

        void sendBytes(byte[] bytes) {
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The next frame, or {@code null} once the host has closed the connection. */
        JsonNode nextOrNull() {
            try {
                for (String line; (line = in.readLine()) != null; ) {
                    if (!line.isEmpty()) {
                        JsonNode frame = JSON.readTree(line);
                        if (isType(frame, "msg")) {
                            messages.add(frame.path("id").asString());
                        } else if (isType(frame, "joined")) {
                            joinedSeen.add(frame.path("nick").asString());
                        }
                        return frame;
                    }
                }
                return null;
            } catch (SocketTimeoutException e) {
                return fail("no frame within " + READ_TIMEOUT_MS + " ms");
            } catch (SocketException e) {
                return null; // a reset ends the connection too
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        JsonNode next() {
            JsonNode frame = nextOrNull();
            return frame != null ? frame : fail("the host closed the connection while a frame was expected");
        }

        JsonNode awaitFrame(Predicate<JsonNode> wanted) {
            while (true) {
                JsonNode frame = next();
                if (wanted.test(frame)) {
                    return frame;
                }
            }
        }

        JsonNode expectError(String code) {
            // Others' messages may come first; an echo of this peer's own would mean it was delivered.
            JsonNode frame = awaitFrame(f -> isType(f, "error") || isType(f, "msg") && f.path("from").asString().equals(nick));
            assertEquals(code, frame.path("code").asString(), () -> "expected error " + code + ", got " + frame);
            return frame;
        }

        /** The host answers with this closing error, then ends the connection. */
        JsonNode expectErrorAndClose(String code) {
            JsonNode error = next();
            assertEquals("error", error.path("type").asString(), () -> "expected error " + code + ", got " + error);
            assertEquals(code, error.path("code").asString(), () -> "unexpected error " + error);
            JsonNode after = nextOrNull();
            assertNull(after, () -> "expected the connection to end, got " + after);
            return error;
        }

        /** Pings and reads to the pong; returns the id of a {@code msg} of this peer's own seen meanwhile, or null. */
        String messageAmongNextFramesUntilPong() {
            long n = ++pings;
            send(json("type", "ping", "n", (int) n));
            String own = null;
            while (true) {
                JsonNode frame = next();
                if (isType(frame, "msg") && frame.path("from").asString().equals(nick)) {
                    own = frame.path("id").asString();
                }
                if (isType(frame, "pong") && frame.path("n").asLong() == n) {
                    return own;
                }
            }
        }

        /** Reads until every id in {@code expected} has been seen as a {@code msg}; returns the ids seen, in order. */
        List<String> messagesUntilAll(List<String> expected) {
            while (!messages.containsAll(expected)) {
                next();
            }
            // Whatever the host queued before the pong is in too: a doubled echo would show.
            long n = ++pings;
            send(json("type", "ping", "n", (int) n));
            awaitFrame(f -> isType(f, "pong") && f.path("n").asLong() == n);
            return List.copyOf(messages);
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
}
