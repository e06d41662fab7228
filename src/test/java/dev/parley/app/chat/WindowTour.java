package dev.parley.app.chat;

import dev.parley.app.fx.ThemeService;
import dev.parley.app.fx.ViewLoader;
import dev.parley.app.settings.MemoryStore;
import dev.parley.app.settings.Settings;
import dev.parley.client.Problem;
import dev.parley.client.ChatEvent;
import dev.parley.protocol.Frame;
import dev.parley.protocol.LeaveReason;
import dev.parley.protocol.Role;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Not a test: the real chat view filled with a conversation that shows the issue-12 states (long
 * names, collapsed presence rows, the reconnect banner, a long draft), for looking at by eye under
 * Xvfb with the real glass. Arguments: width, theme (light|dark), scene (chat|banner|draft|menu).
 */
public final class WindowTour extends Application {
    private static final Instant T0 = Instant.parse("2026-11-24T13:58:00Z");

    /** Started from the class path, the main class must not be an {@code Application}. */
    public static final class Launch {
        public static void main(String[] args) {
            Application.launch(WindowTour.class, args);
        }
    }

    @Override
    public void start(Stage stage) {
        List<String> args = getParameters().getRaw();
        double width = Double.parseDouble(args.get(0));
        boolean dark = args.get(1).equals("dark");
        String scene = args.get(2);
        ResourceBundle bundle = ResourceBundle.getBundle("dev.parley.app.messages", Locale.ENGLISH);
        Clock clock = Clock.fixed(T0.plusSeconds(600), ZoneOffset.UTC);
        var settings = new Settings(new MemoryStore());
        settings.theme(dark ? Settings.ThemeChoice.DARK : Settings.ThemeChoice.LIGHT);
        var theme = new ThemeService(settings);
        var vm = new ChatViewModel(new FakeLink(), "192.168.1.20:7770", true, bundle, clock, (t, x) -> { });
        var controller = new ChatController(vm, new ChatFormats(bundle, clock, Locale.ENGLISH), theme, settings,
                url -> { }, clock, List.of("192.168.1.20:7770", "[fe80::1c2b:3aff:fe4d:5e6f]:7770"),
                new ChatController.Actions(() -> { }, () -> { }, () -> { }, Platform::exit));
        Scene s = new Scene(new javafx.scene.layout.StackPane(), width, 760);
        theme.attach(s);
        s.setRoot(new ViewLoader(bundle).load("/dev/parley/app/chat/chat.fxml", ViewLoader.only(controller)));
        stage.setScene(s);
        stage.setTitle("Parley tour");
        stage.show();
        vm.apply(conversation());
        for (String part : scene.split(",")) {
            show(part, vm, controller, clock, bundle, theme, stage);
        }
        System.out.println("READY");
    }


    private static void show(String part, ChatViewModel vm, ChatController controller, Clock clock,
                             ResourceBundle bundle, ThemeService theme, Stage stage) {
        switch (part) {
            case "banner" -> vm.apply(List.of(new ChatEvent.Disconnected(new Problem.HostClosed(),
                    clock.instant().plusSeconds(4), 1)));
            case "draft" -> vm.draftProperty().set(("A pasted paragraph that goes on and on, as pasted paragraphs "
                    + "do, to show the composer growing with its wrapped lines instead of cutting the first one. ")
                    .repeat(40));
            case "wrap" -> vm.draftProperty().set("A pasted paragraph without a single line break, long enough to "
                    + "wrap over a few lines in a narrow window, as people paste them from elsewhere.");
            case "dialog" -> Platform.runLater(() -> new dev.parley.app.fx.FxDialogs(bundle, theme).confirmEnd(stage, 2));
            case "menu" -> Platform.runLater(() -> Platform.runLater(() ->
                    ((javafx.scene.control.MenuButton) stage.getScene().lookup("#chatMenu")).show()));
            case "panel" -> controller.sidePanelShown(true);
            default -> { }
        }
    }

    private static List<ChatEvent> conversation() {
        List<ChatEvent> out = new ArrayList<>();
        String longName = "Maximiliana Ñandú de Montealegre";
        out.add(new ChatEvent.Connected("Design crit", "Carol ñandú", List.of(
                new Frame.User("Carol ñandú", Role.HOST), new Frame.User("Alice", Role.GUEST),
                new Frame.User("Bob Stone", Role.GUEST), new Frame.User(longName, Role.GUEST)), false, false, false));
        long seq = 1;
        Instant t = T0;
        out.add(msg(seq++, "Alice", "Morning! Did everyone get the new mock-ups?", t));
        out.add(msg(seq++, "Bob Stone", "Yes, looking now.", t.plusSeconds(20)));
        out.add(msg(seq++, longName, "The long names finally fit, with an ellipsis and a tooltip.", t.plusSeconds(40)));
        for (String n : List.of("Dmitri", "Eve", "Farid", "Gus")) {
            out.add(new ChatEvent.Joined(new Frame.Joined(seq++, n, Role.GUEST, t.plusSeconds(60).toString())));
        }
        out.add(new ChatEvent.Left(new Frame.Left(seq++, "Eve", LeaveReason.QUIT, t.plusSeconds(70).toString())));
        out.add(msg(seq++, "Alice", "On a wide screen the conversation keeps to a readable column now, like Telegram "
                + "and Element do, instead of running a hundred and thirty characters across the whole window.",
                t.plusSeconds(90)));
        out.add(new ChatEvent.Message(new Frame.Msg(seq++, "id1", "Carol ñandú", Role.HOST,
                "Nice. Colours per person stay distinct in the room too.", t.plusSeconds(120).toString()), true));
        out.add(msg(seq, "Dmitri", "👍 see https://openjfx.io", t.plusSeconds(150)));
        return out;
    }

    private static ChatEvent msg(long seq, String from, String text, Instant ts) {
        return new ChatEvent.Message(new Frame.Msg(seq, "x" + seq, from, Role.GUEST, text, ts.toString()), false);
    }
}
