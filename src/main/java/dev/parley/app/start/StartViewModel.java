package dev.parley.app.start;

import dev.parley.app.Connectors;
import dev.parley.app.ProblemSentences;
import dev.parley.app.chat.ChatSession;
import dev.parley.client.ChatException;
import dev.parley.client.HostTrust;
import dev.parley.client.Problem;
import dev.parley.tls.HostCode;
import dev.parley.tls.HostKey;
import dev.parley.tls.TrustSource;
import dev.parley.protocol.ErrorCode;
import dev.parley.app.settings.Settings;
import dev.parley.app.settings.Settings.Mode;
import dev.parley.protocol.Limits;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Worker;

import java.text.MessageFormat;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The start screen: host or join, the fields of each with their problems, and the connect attempt.
 * FX thread only; the attempt itself runs as a {@link ConnectTask} on the given executor, through
 * the app's {@link Connectors}. A failed attempt says why in a sentence and names the field to fix;
 * the sentence goes away as soon as the person changes anything it was about.
 */
public final class StartViewModel {
    static final int MAX_ROOM = 64;

    /** The field a failed attempt points at, for the focus to go to. */
    public enum Field { NAME, ROOM, PORT, HOST_PASSWORD, ADDRESS, JOIN_PASSWORD }

    private final Settings settings;
    private final ResourceBundle bundle;
    private final Executor background;
    private final Connectors connectors;
    private final ProblemSentences problems;
    private final TrustQuestions questions;
    private final Consumer<ChatSession> opened;
    private Function<String, RoomPick> picks = typed -> null;

    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(Mode.HOST);
    private final FormField name;
    private final FormField room;
    private final FormField port;
    private final StringProperty hostPassword = new SimpleStringProperty("");
    private final FormField address;
    private final StringProperty joinPassword = new SimpleStringProperty("");
    private final ObservableList<String> recentHosts = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper failure = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Field> fix = new ReadOnlyObjectWrapper<>();
    private final BooleanBinding canStart;
    private boolean roomFollowsName = true;
    private boolean settingRoom;
    private ConnectTask attempt;
    private final dev.parley.app.GuestCopy copy;

    /**
     * @param background where connect attempts run (never the FX thread)
     * @param connectors starts rooms and joins them
     * @param questions  asks the person about a host key met for the first time, or one that changed
     * @param opened     receives the open chat, on the FX thread
     */
    public StartViewModel(Settings settings, ResourceBundle bundle, Executor background, Connectors connectors,
                          TrustQuestions questions, Consumer<ChatSession> opened) {
        this(settings, bundle, background, connectors, questions, opened, dev.parley.app.GuestCopy.none());
    }

    /** @param copy what this app keeps of rooms it joins: shown at once when one is joined again */
    public StartViewModel(Settings settings, ResourceBundle bundle, Executor background, Connectors connectors,
                          TrustQuestions questions, Consumer<ChatSession> opened, dev.parley.app.GuestCopy copy) {
        this.copy = copy;
        this.settings = settings;
        this.bundle = bundle;
        this.background = background;
        this.connectors = connectors;
        this.questions = questions;
        this.problems = new ProblemSentences(bundle);
        this.opened = opened;
        this.name = new FormField(this::nickProblem);
        room = new FormField(this::roomProblem);
        port = new FormField(t -> HostAddress.parsePort(t) < 0 ? text("start.problem.port") : null);
        address = new FormField(this::addressProblem);

        mode.set(settings.mode());
        String typedName = settings.name().orElseGet(StartViewModel::osUserName);
        this.name.prefill(typedName);
        port.prefill(String.valueOf(settings.port()));
        recentHosts.setAll(settings.recentHosts());
        address.prefill(recentHosts.isEmpty() ? "" : recentHosts.getFirst());
        settings.room().ifPresentOrElse(r -> {
            roomFollowsName = r.equals(defaultRoom(typedName));
            room.prefill(r);
        }, () -> room.prefill(defaultRoom(typedName)));
        this.name.textProperty().addListener((obs, old, now) -> {
            if (roomFollowsName) {
                settingRoom = true;
                room.prefill(defaultRoom(now));
                settingRoom = false;
            }
        });
        room.textProperty().addListener((obs, old, now) -> {
            if (!settingRoom) {
                roomFollowsName = false;
            }
        });
        BooleanBinding hostValid = Bindings.createBooleanBinding(
                () -> name.valid().get() && room.valid().get() && port.valid().get(),
                name.problemProperty(), room.problemProperty(), port.problemProperty());
        BooleanBinding joinValid = Bindings.createBooleanBinding(
                () -> address.valid().get() && name.valid().get(),
                address.problemProperty(), name.problemProperty());
        canStart = Bindings.createBooleanBinding(() -> !busy.get()
                        && (mode.get() == Mode.HOST ? hostValid.get() : joinValid.get()),
                busy, mode, hostValid, joinValid);
        mode.addListener((obs, old, now) -> clearFailure());
        // A sentence about the last attempt is stale once the person changes what it was about.
        for (var text : java.util.List.of(name.textProperty(), room.textProperty(), port.textProperty(),
                address.textProperty(), hostPassword, joinPassword)) {
            text.addListener((obs, old, now) -> {
                if (!busy.get()) {
                    clearFailure();
                }
            });
        }
    }

    private void clearFailure() {
        failure.set("");
        fix.set(null);
    }

    /** Hosts or joins with what the form says; the outcome arrives later on the FX thread. */
    public void start() {
        if (!canStart.get()) {
            current().forEach(FormField::touch);
            return;
        }
        ConnectRequest request = mode.get() == Mode.HOST
                ? ConnectRequest.host(name.text(), room.text(), HostAddress.parsePort(port.text()), hostPassword.get())
                : ConnectRequest.join(HostAddress.parse(address.text()).address(), name.text(), joinPassword.get(),
                        trustFor(address.text()));
        start(request);
    }

    /**
     * Which host key joining {@code typed} accepts: an invite line's key without asking; for a room
     * picked from the list, what the trust store says, with the announced room name for noticing a
     * changed key; otherwise what the trust store says about the address.
     */
    private HostTrust trustFor(String typed) {
        HostAddress.Parsed parsed = HostAddress.parse(typed);
        if (parsed.hostKey() != null) {
            return HostTrust.expect(HostKey.parse(parsed.hostKey()), TrustSource.INVITE);
        }
        RoomPick pick = picks.apply(typed);
        return pick != null ? new HostTrust.Stored(pick.room()) : HostTrust.stored();
    }

    /** Where the rooms list says which room was picked for a typed address (or {@code null}). */
    public void setRoomPicks(Function<String, RoomPick> pickFor) {
        picks = pickFor == null ? typed -> null : pickFor;
    }

    /** Starts {@code request} as given (the command line skips the form this way). */
    public void start(ConnectRequest request) {
        remember(request);
        clearFailure();
        busy.set(true);
        var task = new ConnectTask(request, connectors, bundle, copy);
        attempt = task;
        task.stateProperty().addListener((obs, old, state) -> {
            if (attempt != task) {
                return;
            }
            if (state == Worker.State.SUCCEEDED) {
                attempt = null;
                busy.set(false);
                opened.accept(task.getValue());
            } else if (state == Worker.State.FAILED) {
                attempt = null;
                if (askedAboutKey(task.getException(), request)) {
                    return;
                }
                // The sentence and the field to fix first: the screen moves the focus when busy ends.
                failed(task.getException(), request.hosting());
                busy.set(false);
            }
        });
        background.execute(task);
    }

    /**
     * A host key to ask the person about, before anything was sent to the host: on yes, joins again
     * accepting just that key (and the dialer remembers it); on no, says that nothing was sent.
     *
     * @return whether the failure was about the key (and is handled)
     */
    private boolean askedAboutKey(Throwable e, ConnectRequest request) {
        if (!(e instanceof ChatException ce) || request.hosting()) {
            return false;
        }
        HostKey accepted;
        String declined;
        switch (ce.problem()) {
            case Problem.UnknownHostKey u -> {
                accepted = questions.trustNewHost(u.address(), HostCode.of(u.presented())) ? u.presented() : null;
                declined = text("start.trust.declined");
            }
            case Problem.HostKeyChanged c -> {
                accepted = questions.trustChangedHost(c.address(), HostCode.of(c.pinned()), HostCode.of(c.presented()))
                        ? c.presented() : null;
                declined = problems.of(c);
            }
            default -> {
                return false;
            }
        }
        if (attempt != null) {
            // Something else started while the question was open (it cannot, the window is modal; be safe).
            return true;
        }
        if (accepted != null) {
            start(request.withTrust(HostTrust.expect(accepted, TrustSource.PROMPT)));
        } else {
            failure.set(declined);
            fix.set(Field.ADDRESS);
            busy.set(false);
        }
        return true;
    }

    /** Puts the failure into a sentence and picks the field that would fix it. */
    private void failed(Throwable e, boolean hosting) {
        Field target;
        String sentence;
        switch (e) {
            case ChatException ce -> {
                sentence = problems.of(ce.problem());
                target = fieldFor(ce.problem(), hosting);
            }
            case ConnectTask.HostingFailed hf -> {
                sentence = MessageFormat.format(text("start.error.port"), String.valueOf(hf.port()));
                target = Field.PORT;
            }
            case ConnectTask.HistoryUnavailable hu -> {
                System.getLogger("dev.parley.app").log(System.Logger.Level.WARNING, "the room's history: {0}",
                        hu.getMessage());
                sentence = text(hu.inUse() ? "start.error.historyInUse" : "start.error.history");
                target = Field.ROOM;
            }
            default -> {
                System.getLogger("dev.parley.app").log(System.Logger.Level.WARNING, "connecting failed", e);
                sentence = text("start.error.unknown");
                target = null;
            }
        }
        failure.set(sentence);
        fix.set(target);
    }

    private static Field fieldFor(Problem problem, boolean hosting) {
        if (problem instanceof Problem.Refused r && r.code() != null) {
            if (r.code() == ErrorCode.NICK_TAKEN || r.code() == ErrorCode.NICK_INVALID) {
                return Field.NAME;
            }
            if (r.code() == ErrorCode.BAD_PASSWORD) {
                return hosting ? Field.HOST_PASSWORD : Field.JOIN_PASSWORD;
            }
            return hosting ? null : Field.ADDRESS;
        }
        return hosting ? null : Field.ADDRESS;
    }

    /** Gives up the attempt in progress; the form keeps what was typed. */
    public void cancel() {
        ConnectTask task = attempt;
        attempt = null;
        if (task != null) {
            task.abort();
        }
        busy.set(false);
    }

    /** Puts a request's values in the form, as if typed. */
    public void fill(ConnectRequest request) {
        mode.set(request.hosting() ? Mode.HOST : Mode.JOIN);
        name.prefill(request.name());
        if (request.hosting()) {
            room.prefill(request.room());
            port.prefill(String.valueOf(request.port()));
        } else {
            address.prefill(request.address().display());
        }
    }

    private void remember(ConnectRequest request) {
        settings.mode(request.hosting() ? Mode.HOST : Mode.JOIN);
        settings.name(request.name().strip());
        if (request.hosting()) {
            settings.room(request.room().strip());
            settings.port(request.port());
        } else {
            settings.rememberHost(request.address().display());
            recentHosts.setAll(settings.recentHosts());
        }
        settings.save();
    }

    private java.util.List<FormField> current() {
        return mode.get() == Mode.HOST ? java.util.List.of(name, room, port) : java.util.List.of(address, name);
    }

    private String nickProblem(String nick) {
        String trimmed = nick == null ? "" : nick.strip();
        if (trimmed.isEmpty()) {
            return text("start.problem.nameEmpty");
        }
        if (trimmed.length() > Limits.MAX_NICK) {
            return MessageFormat.format(text("start.problem.nameLong"), Limits.MAX_NICK);
        }
        return Limits.nickProblem(trimmed) == null ? null : text("start.problem.nameChars");
    }

    private String roomProblem(String name) {
        if (name == null || name.isBlank()) {
            return text("start.problem.roomEmpty");
        }
        return name.strip().length() > MAX_ROOM ? MessageFormat.format(text("start.problem.roomLong"), MAX_ROOM) : null;
    }

    private String addressProblem(String typed) {
        HostAddress.Parsed parsed = HostAddress.parse(typed);
        if (parsed.problem() == null) {
            return null;
        }
        return switch (parsed.problem()) {
            case EMPTY -> text("start.problem.addressEmpty");
            case BAD_HOST -> text("start.problem.address");
            case BAD_PORT -> text("start.problem.port");
            case BAD_KEY -> text("start.problem.key");
        };
    }

    private String defaultRoom(String name) {
        String n = name == null ? "" : name.strip();
        return n.isEmpty() ? text("start.room.default") : MessageFormat.format(text("start.room.ofName"), n);
    }

    private String text(String key) {
        return bundle.getString(key);
    }

    /** The OS account name, made into a valid Parley name when it can be. */
    static String osUserName() {
        String user = System.getProperty("user.name", "");
        String cleaned = user.replaceAll("[^\\p{L}\\p{Nd} _.\\-]", "").strip();
        if (cleaned.length() > Limits.MAX_NICK) {
            cleaned = cleaned.substring(0, Limits.MAX_NICK).strip();
        }
        return cleaned.isEmpty() ? "" : Character.toUpperCase(cleaned.charAt(0)) + cleaned.substring(1);
    }

    public ObjectProperty<Mode> modeProperty() {
        return mode;
    }

    /** The person's name, shared by both forms. */
    public FormField name() {
        return name;
    }

    public FormField room() {
        return room;
    }

    public FormField port() {
        return port;
    }

    public StringProperty hostPasswordProperty() {
        return hostPassword;
    }

    public FormField address() {
        return address;
    }

    public StringProperty joinPasswordProperty() {
        return joinPassword;
    }

    public ObservableList<String> recentHosts() {
        return recentHosts;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Why the last attempt failed, as a sentence; empty when it did not. */
    public ReadOnlyStringProperty failureProperty() {
        return failure.getReadOnlyProperty();
    }

    /** The field the last failure is about, or {@code null}; the screen puts the focus there. */
    public ReadOnlyObjectProperty<Field> fixProperty() {
        return fix.getReadOnlyProperty();
    }

    public BooleanBinding canStartProperty() {
        return canStart;
    }
}
