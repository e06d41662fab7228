package dev.parley.app.start;

import dev.parley.discovery.AddressText;
import dev.parley.discovery.DiscoveredRoom;
import dev.parley.discovery.DiscoveryConfig;
import dev.parley.discovery.Doctor;
import dev.parley.discovery.Finding;
import dev.parley.discovery.HostCheck;
import dev.parley.discovery.Reachability;
import dev.parley.discovery.RoomBrowser;
import dev.parley.discovery.RoomList;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.net.InetAddress;
import java.text.MessageFormat;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * "Rooms on your network" on the Join card: the rooms a {@link RoomBrowser} hears, one row per
 * host, and the troubleshooter behind "Can't find the room?". The browser, reverse DNS and the
 * troubleshooter run on the background executor; their results reach the list in one FX-thread
 * hop per batch. Public methods: FX thread only.
 */
public final class RoomsViewModel {
    private static final System.Logger LOG = System.getLogger(RoomsViewModel.class.getName());
    private static final Duration DOCTOR_LISTEN = Duration.ofSeconds(2);

    private final DiscoveryConfig config;
    private final Predicate<String> trusted;
    private final List<HostCheck> hostChecks;
    private final ResourceBundle bundle;
    private final Executor background;
    private final Executor fx;
    private final ObservableList<RoomRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper doctorRunning = new ReadOnlyBooleanWrapper();
    private final ObservableList<String> doctorLines = FXCollections.observableArrayList();
    private final AtomicReference<List<DiscoveredRoom>> latest = new AtomicReference<>(List.of());
    private final AtomicBoolean hopPending = new AtomicBoolean();
    private final Map<InetAddress, String> names = new ConcurrentHashMap<>();
    private final AtomicReference<RoomBrowser> browser = new AtomicReference<>();
    private volatile boolean closed;
    private Consumer<RoomPick> onPicked = pick -> { };
    private RoomPick lastPick;

    /**
     * @param trusted    whether a host key is already trusted (pinned); called on the FX thread
     * @param background runs the browser start, reverse DNS and the troubleshooter
     * @param fx         runs work on the FX thread
     */
    public RoomsViewModel(DiscoveryConfig config, Predicate<String> trusted, ResourceBundle bundle,
                          Executor background, Executor fx) {
        this(config, trusted, List.of(), bundle, background, fx);
    }

    /**
     * @param hostChecks what the troubleshooter checks on a host it could connect to (the TLS handshake
     *                   and host key, {@link dev.parley.discovery.TlsHostCheck})
     */
    public RoomsViewModel(DiscoveryConfig config, Predicate<String> trusted, List<HostCheck> hostChecks,
                          ResourceBundle bundle, Executor background, Executor fx) {
        this.config = config;
        this.trusted = trusted;
        this.hostChecks = List.copyOf(hostChecks);
        this.bundle = bundle;
        this.background = background;
        this.fx = fx;
        status.set(bundle.getString("rooms.empty"));
    }

    /** Starts listening, off the FX thread. */
    public void start() {
        background.execute(() -> {
            try {
                RoomBrowser b = RoomBrowser.start(config, Clock.systemUTC(), true);
                if (closed || !browser.compareAndSet(null, b)) {
                    b.close();
                    return;
                }
                b.addListener(this::heard);
                heard(b.rooms());
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "discovery: cannot listen for rooms: {0}", e.getMessage());
                fx.execute(() -> status.set(MessageFormat.format(bundle.getString("rooms.unavailable"),
                        String.valueOf(config.port()))));
            }
        });
    }

    /** Stops listening; the list stays as it was. */
    public void close() {
        closed = true;
        RoomBrowser b = browser.getAndSet(null);
        if (b != null) {
            try {
                background.execute(b::close);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // The app is exiting and its executor is gone; closing only wakes the browser's own threads.
                b.close();
            }
        }
    }

    /** Called on browser threads: keeps only the newest snapshot and hops to the FX thread once per batch. */
    private void heard(List<DiscoveredRoom> snapshot) {
        latest.set(snapshot);
        if (hopPending.compareAndSet(false, true)) {
            fx.execute(() -> {
                hopPending.set(false);
                show(latest.get());
            });
        }
    }

    private void show(List<DiscoveredRoom> snapshot) {
        List<RoomRow> next = new ArrayList<>();
        for (DiscoveredRoom r : RoomList.onePerHost(snapshot)) {
            next.add(row(r));
            lookUpName(r.address());
        }
        rows.setAll(next);
    }

    private RoomRow row(DiscoveredRoom r) {
        String host = names.getOrDefault(r.address(), r.host());
        String people = MessageFormat.format(bundle.getString("rooms.people"), r.people());
        String why = switch (r.reachability()) {
            case Reachability.Checking c -> bundle.getString("rooms.checking");
            case Reachability.Reachable ok -> "";
            case Reachability.Unreachable u -> switch (u.reason()) {
                case REFUSED -> MessageFormat.format(bundle.getString("rooms.unreachable.refused"), String.valueOf(r.port()));
                case TIMED_OUT -> bundle.getString("rooms.unreachable.timedOut");
                case NO_ROUTE -> bundle.getString("rooms.unreachable.noRoute");
                case OTHER -> bundle.getString("rooms.unreachable.other");
            };
        };
        boolean isTrusted = r.hostKey() != null && trusted.test(r.hostKey());
        return new RoomRow(r, host, people, r.passwordNeeded(), isTrusted, r.reachable(), why);
    }

    /** Reverse DNS, once per address, off the FX thread; the row shows the name when it arrives. */
    private void lookUpName(InetAddress address) {
        if (names.putIfAbsent(address, AddressText.of(address)) != null) {
            return;
        }
        background.execute(() -> {
            String name = address.getCanonicalHostName();
            if (!name.equals(address.getHostAddress()) && !closed) {
                names.put(address, name + " (" + AddressText.of(address) + ")");
                fx.execute(() -> show(latest.get()));
            }
        });
    }

    /** A person picked {@code row}: fills the Join form through the listener. */
    public void pick(RoomRow row) {
        DiscoveredRoom r = row.room();
        lastPick = new RoomPick(new HostAddress(r.host(), r.port()), r.hostKey(), r.room());
        onPicked.accept(lastPick);
    }

    /** Who hears picks (the start screen fills its address field). */
    public void setOnPicked(Consumer<RoomPick> listener) {
        onPicked = listener == null ? pick -> { } : listener;
    }

    /**
     * The host key announced by the room last picked, if {@code typedAddress} is still its address,
     * else {@code null}.
     */
    public String expectedHostKey(String typedAddress) {
        RoomPick p = pickFor(typedAddress);
        return p == null ? null : p.hostKey();
    }

    /**
     * The room last picked, if {@code typedAddress} is still its address, else {@code null}: joining it
     * checks the key against the trust store with the announced room name, so a pinned key needs no
     * prompt and a host that now shows another key for that room is noticed.
     */
    public RoomPick pickFor(String typedAddress) {
        RoomPick p = lastPick;
        if (p == null) {
            return null;
        }
        HostAddress.Parsed parsed = HostAddress.parse(typedAddress);
        return p.address().equals(parsed.address()) ? p : null;
    }

    /** Runs the troubleshooter off the FX thread, about {@code typedAddress} too when it is one. */
    public void runDoctor(String typedAddress) {
        if (doctorRunning.get()) {
            return;
        }
        doctorRunning.set(true);
        doctorLines.clear();
        HostAddress.Parsed parsed = HostAddress.parse(typedAddress);
        Doctor.Target target = parsed.address() == null ? null
                : new Doctor.Target(parsed.address().host(), parsed.address().port());
        var doctor = new Doctor(config, DOCTOR_LISTEN, hostChecks);
        background.execute(() -> {
            List<String> lines = new ArrayList<>();
            try {
                for (Finding f : doctor.run(target)) {
                    lines.add(MessageFormat.format(bundle.getString(f.key()), f.args().toArray()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "discovery: the troubleshooter failed", e);
                lines.add(bundle.getString("start.error.unknown"));
            }
            fx.execute(() -> {
                doctorLines.setAll(lines);
                doctorRunning.set(false);
            });
        });
    }

    public ObservableList<RoomRow> rooms() {
        return rows;
    }

    /** What the list says while it is empty. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty doctorRunningProperty() {
        return doctorRunning.getReadOnlyProperty();
    }

    /** The troubleshooter's sentences, the most likely cause first. */
    public ObservableList<String> doctorLines() {
        return doctorLines;
    }
}
