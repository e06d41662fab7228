package dev.parley.tls;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The host keys a guest trusts ({@value #FILE} in the client's data folder, mode 0600): pinned per key,
 * not per address, because DHCP hands a host's address to another machine and two trusted hosts may
 * swap. An address (and, when the caller knows it, a room name) remembers which key was last seen there,
 * so a host that comes back with another key is noticed ({@link TrustVerdict.Changed}).
 *
 * <p>Every change is written at once, atomically (a reader sees the old file or the new one). A file
 * that cannot be read is kept beside it as {@code trusted-hosts.json.corrupt-<millis>}, logged, and the
 * store starts empty: the person is asked again rather than locked out.
 *
 * <p>Thread-safe; methods that change the store write to disk, so call them on a background thread,
 * never on the FX thread.
 */
public final class TrustStore {
    static final String FILE = "trusted-hosts.json";
    /** Addresses remembered per key. */
    static final int MAX_ADDRESSES = 8;
    /** A larger file is not ours (or is damaged); treated as corrupt. */
    static final long MAX_FILE_BYTES = 4L << 20;
    private static final int VERSION = 1;
    private static final System.Logger LOG = System.getLogger("dev.parley.tls");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path file;
    private final Clock clock;
    private final Map<HostKey, TrustedHost> hosts = new LinkedHashMap<>();

    private TrustStore(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /** Opens the store in {@code folder} (creating the folder owner-only); blocking. */
    public static TrustStore open(DataFolder folder) throws IOException {
        return open(folder.create().resolve(FILE), Clock.systemUTC());
    }

    static TrustStore open(Path file, Clock clock) throws IOException {
        TrustStore store = new TrustStore(file, clock);
        store.read();
        return store;
    }

    /** What this store says about {@code presented}, reached at {@code address} (and {@code room}, if known). */
    public synchronized TrustVerdict check(HostKey presented, String address, String room) {
        TrustedHost known = hosts.get(presented);
        if (known != null) {
            return new TrustVerdict.Trusted(known);
        }
        Optional<HostKey> pinned = pinnedForAddress(address).or(() -> pinnedForRoom(room));
        return pinned.<TrustVerdict>map(k -> new TrustVerdict.Changed(k, presented))
                .orElseGet(() -> new TrustVerdict.Unknown(presented));
    }

    public synchronized boolean isTrusted(HostKey key) {
        return hosts.containsKey(key);
    }

    public synchronized Optional<TrustedHost> get(HostKey key) {
        return Optional.ofNullable(hosts.get(key));
    }

    /** The key last seen at {@code address} ({@code host:port}; case does not matter). */
    public synchronized Optional<HostKey> pinnedForAddress(String address) {
        if (address == null) {
            return Optional.empty();
        }
        String wanted = normalise(address);
        return hosts.values().stream().filter(h -> h.addresses().contains(wanted)).map(TrustedHost::key).findFirst();
    }

    /**
     * The key last seen with the room name {@code room}. Room names are not unique (every host starts as
     * "Parley room"), so callers pass one only when it identifies a host, such as a LAN announcement's.
     */
    public synchronized Optional<HostKey> pinnedForRoom(String room) {
        if (room == null || room.isBlank()) {
            return Optional.empty();
        }
        return hosts.values().stream().filter(h -> room.equals(h.room()))
                .max(java.util.Comparator.comparing(TrustedHost::lastSeen)).map(TrustedHost::key);
    }

    /** Every trusted host, in the order they were first trusted. */
    public synchronized List<TrustedHost> hosts() {
        return List.copyOf(hosts.values());
    }

    /**
     * Trusts {@code key} (or refreshes it), reached at {@code address}; {@code room} may be {@code null}
     * when it is not known yet. The first way a key was trusted is kept.
     */
    public synchronized TrustedHost trust(HostKey key, TrustSource how, String address, String room)
            throws IOException {
        Instant now = clock.instant();
        TrustedHost old = hosts.get(key);
        TrustedHost host = old == null
                ? new TrustedHost(key, room, List.of(), now, how, now)
                : new TrustedHost(key, room != null ? room : old.room(), old.addresses(), old.trustedAt(), old.how(), now);
        return put(host, address);
    }

    /** Records a successful join of a trusted key: its address and room now point at it. */
    public synchronized void seen(HostKey key, String address, String room) throws IOException {
        TrustedHost old = hosts.get(key);
        if (old == null) {
            throw new IllegalStateException("seen() for a key that is not trusted: " + key.shortHex(12));
        }
        put(new TrustedHost(key, room != null ? room : old.room(), old.addresses(), old.trustedAt(), old.how(),
                clock.instant()), address);
    }

    /** Forgets {@code key}; the next connection to it asks again. */
    public synchronized void forget(HostKey key) throws IOException {
        if (hosts.remove(key) != null) {
            write();
        }
    }

    private TrustedHost put(TrustedHost host, String address) throws IOException {
        TrustedHost stored = host;
        if (address != null) {
            String where = normalise(address);
            // An address belongs to one key at a time: the newest one seen there.
            hosts.replaceAll((k, h) -> h.addresses().contains(where) && !k.equals(host.key())
                    ? new TrustedHost(k, h.room(), without(h.addresses(), where), h.trustedAt(), h.how(), h.lastSeen())
                    : h);
            List<String> addresses = new ArrayList<>(without(host.addresses(), where));
            addresses.addFirst(where);
            stored = new TrustedHost(host.key(), host.room(),
                    addresses.subList(0, Math.min(addresses.size(), MAX_ADDRESSES)), host.trustedAt(), host.how(),
                    host.lastSeen());
        }
        hosts.put(stored.key(), stored);
        write();
        return stored;
    }

    private static List<String> without(List<String> list, String item) {
        return list.stream().filter(a -> !a.equals(item)).toList();
    }

    /** The address form the store keeps: {@code host:port}, an IPv6 literal in brackets, lower case. */
    public static String address(String host, int port) {
        return normalise((host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port);
    }

    static String normalise(String address) {
        return address.strip().toLowerCase(Locale.ROOT);
    }

    private void read() throws IOException {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                keepCorrupt("it is larger than " + MAX_FILE_BYTES + " bytes");
                return;
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return;
        }
        try {
            parse(JSON.readTree(bytes)).forEach(h -> hosts.put(h.key(), h));
        } catch (JacksonException | IllegalArgumentException | java.time.DateTimeException e) {
            hosts.clear();
            keepCorrupt(e.getMessage());
        }
    }

    private void keepCorrupt(String why) throws IOException {
        Path copy = OwnerOnly.keepAside(file, "corrupt", clock.millis());
        LOG.log(System.Logger.Level.WARNING, "the trust store {0} cannot be read ({1}); kept it as {2} and started"
                + " afresh: hosts will be asked about again", file, why, copy);
    }

    private static List<TrustedHost> parse(JsonNode root) {
        if (root == null || !root.isObject() || root.path("version").asInt(-1) != VERSION
                || !root.path("hosts").isArray()) {
            throw new IllegalArgumentException("not a version " + VERSION + " trust store");
        }
        List<TrustedHost> list = new ArrayList<>();
        for (JsonNode node : root.get("hosts")) {
            List<String> addresses = new ArrayList<>();
            for (JsonNode a : node.path("addresses")) {
                addresses.add(normalise(text(a, "address")));
            }
            JsonNode room = node.get("room");
            list.add(new TrustedHost(HostKey.parse(text(node.get("key"), "key")),
                    room == null || room.isNull() ? null : text(room, "room"), addresses,
                    Instant.parse(text(node.get("trustedAt"), "trustedAt")),
                    TrustSource.fromWire(text(node.get("how"), "how"))
                            .orElseThrow(() -> new IllegalArgumentException("unknown way of trusting")),
                    Instant.parse(text(node.get("lastSeen"), "lastSeen"))));
        }
        return list;
    }

    private static String text(JsonNode node, String what) {
        if (node == null || !node.isString()) {
            throw new IllegalArgumentException(what + " is missing or not a string");
        }
        return node.asString();
    }

    private void write() throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        ArrayNode list = root.putArray("hosts");
        for (TrustedHost h : hosts.values()) {
            ObjectNode node = list.addObject();
            node.put("key", h.key().hex());
            node.put("room", h.room());
            ArrayNode addresses = node.putArray("addresses");
            h.addresses().forEach(addresses::add);
            node.put("trustedAt", h.trustedAt().toString());
            node.put("how", h.how().wire());
            node.put("lastSeen", h.lastSeen().toString());
        }
        OwnerOnly.writeAtomically(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }
}
