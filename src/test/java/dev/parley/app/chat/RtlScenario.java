package dev.parley.app.chat;

import dev.parley.app.AppHarness;
import dev.parley.testing.TestTls;
import dev.parley.app.chat.ChatItem.Message;
import dev.parley.app.text.SafeTextFlow;
import dev.parley.client.ChatClient;
import dev.parley.client.ClientConfig;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static dev.parley.app.FxTest.fx;
import static dev.parley.app.FxTest.onFx;
import static dev.parley.app.FxTest.waitUntil;

/**
 * The way the right-to-left freeze was found: long Arabic, Hebrew and mixed text in the real chat
 * window, its list cells and its composer, at the widths people use. Shared by the headless TestFX
 * test and the real-glass check under Xvfb ({@code RealGlassRtlIT}), which runs it in a child JVM.
 */
final class RtlScenario {
    private static final String AR = "مرحبا بالعالم، كيف حالك اليوم؟ هذه رسالة طويلة بما يكفي لتلتف على عدة أسطر "
            + "في النافذة. نتمنى لكم يوما سعيدا مليئا بالنجاح والسعادة، وإلى اللقاء قريبا إن شاء الله.";
    private static final String HE = "שלום עולם, מה שלומך היום? זוהי הודעה ארוכה מספיק כדי לעטוף על פני כמה "
            + "שורות בחלון. אנחנו מאחלים לכם יום נפלא ומוצלח, ולהתראות בקרוב.";

    /** Each one wraps in a bubble at every width and used to throw or garble. */
    static final List<String> TEXTS = List.of(
            AR,
            HE,
            "Meeting at 10:30 في المكتب الرئيسي، please bring the report — שלום לכולם and the slides, "
                    + "then lunch مع الفريق بأكمله at 12:45 in room ٣٤ (second floor) — thanks!",
            AR + "      ",                                      // trailing spaces at the end
            "  " + AR.replace(" ", "   ") + "   \n   " + HE + "  ",  // runs of spaces around wraps and a line break
            "ب".repeat(120) + " " + "مرحبا".repeat(30),          // right-to-left words longer than any line
            "א".repeat(150),
            "नमस्ते दुनिया, आज आप कैसे हैं? यह एक लंबा संदेश है जो खिड़की में कई पंक्तियों में लपेटने के लिए "
                    + "पर्याप्त है। नमस्ते दुनिया, फिर मिलेंगे।");

    static final int[] WIDTHS = {640, 1024, 1280, 1920};

    private final AppHarness app;
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final AtomicLong pulses = new AtomicLong();

    RtlScenario(AppHarness app) {
        this.app = app;
    }

    /** What went wrong, one sentence each; empty when every text rendered at every width. */
    List<String> problems() {
        return problems;
    }

    /** Call before the window shows text: records whatever the FX thread throws, and counts layout passes. */
    void watchFxThread() {
        onFx(() -> {
            Thread fxThread = Thread.currentThread();
            fxThread.setUncaughtExceptionHandler((t, e) -> {
                if (problems.isEmpty()) {
                    e.printStackTrace();   // the first one, whole, for whoever reads the log
                }
                if (problems.size() < 20) {
                    problems.add("the FX thread threw " + e);
                }
            });
            Scene scene = app.shell.stage().getScene();
            scene.addPostLayoutPulseListener(pulses::incrementAndGet);
        });
    }

    /**
     * A guest sends each text; while it is the newest row (the list follows the bottom) it is laid
     * out and drawn at every width. Then the composer holds long text at every width.
     */
    void run(int port) throws Exception {
        onFx(() -> app.shell.stage().setHeight(760));
        try (var alice = TestTls.client(ClientConfig.of("127.0.0.1", port, "Alice"))) {
            alice.connect();
            for (int i = 0; i < TEXTS.size(); i++) {
                alice.send(TEXTS.get(i));
                int count = i + 1;
                waitUntil(() -> messages().size() == count);
                for (int width : WIDTHS) {
                    onFx(() -> app.shell.stage().setWidth(width));
                    checkRow(width, i);
                }
            }
        }
        for (int width : WIDTHS) {
            onFx(() -> app.shell.stage().setWidth(width));
            checkComposer(width);
        }
    }

    /**
     * Sends every text before this window joins (the replay froze late joiners). The sender stays
     * connected, so nothing it queued is dropped; the caller closes it.
     */
    static ChatClient sendAll(int port) throws Exception {
        var alice = TestTls.client(ClientConfig.of("127.0.0.1", port, "Alice"));
        alice.connect();
        for (String text : TEXTS) {
            alice.send(text);
        }
        return alice;
    }

    /** After a join with the texts in the history: the newest rows, drawn at every width. */
    void checkReplay() {
        waitUntil(() -> app.chat() != null && messages().size() == TEXTS.size());
        for (int width : WIDTHS) {
            onFx(() -> app.shell.stage().setWidth(width));
            checkRow(width, TEXTS.size() - 1);
        }
    }

    private List<Message> messages() {
        return app.chat().items().stream().filter(Message.class::isInstance).map(Message.class::cast).toList();
    }

    @SuppressWarnings("unchecked")
    private ListView<ChatItem> list() {
        return (ListView<ChatItem>) app.shell.stage().getScene().lookup("#messages");
    }

    private void checkRow(int width, int n) {
        String text = TEXTS.get(n);
        long from = pulses.get();
        try {
            waitUntil(() -> {
                Platform.requestNextPulse();
                return pulses.get() > from + 2 && cellWith(text) != null;
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            problems.add("text " + n + " at " + width + " px never showed (layout passes: " + (pulses.get() - from)
                    + ", cell: " + fx(() -> cellWith(text) != null) + ")");
            return;
        }
        String problem = fx(() -> {
            ListCell<?> cell = cellWith(text);
            Node bubble = cell.lookup(".bubble");
            SafeTextFlow body = (SafeTextFlow) cell.lookup(".bubble-text");
            Bounds b = bubble.localToScene(bubble.getBoundsInLocal());
            Bounds l = list().localToScene(list().getBoundsInLocal());
            String where = "text " + n + " at " + width + " px";
            if (body.isFallback()) {
                return where + " fell back to plain text";
            }
            if (b.getHeight() < 40 || b.getHeight() > 3000) {
                return where + " has a bubble " + Math.round(b.getHeight()) + " px high";
            }
            if (b.getMaxX() > l.getMaxX() + 1 || b.getMinX() < l.getMinX() - 1) {
                return where + " runs out of the list (" + b + ")";
            }
            if (body.getLayoutBounds().getWidth() > bubble.getLayoutBounds().getWidth() + 1) {
                return where + " is wider than its bubble";
            }
            list().snapshot(null, null);   // draws it: the other place layout bugs surface
            return null;
        });
        if (problem != null) {
            problems.add(problem);
        }
    }

    private void checkComposer(int width) {
        for (String text : List.of(TEXTS.get(0), TEXTS.get(2), TEXTS.get(5))) {
            onFx(() -> app.chat().draftProperty().set(text));
            long from = pulses.get();
            waitUntil(() -> {
                Platform.requestNextPulse();
                return pulses.get() > from + 2;
            });
            String problem = fx(() -> {
                TextArea composer = (TextArea) app.shell.stage().getScene().lookup("#composer");
                return composer.getHeight() < 20 ? "the composer collapsed at " + width + " px" : null;
            });
            if (problem != null) {
                problems.add(problem);
            }
        }
        onFx(() -> app.chat().draftProperty().set(""));
    }

    private ListCell<?> cellWith(String text) {
        List<ListCell<?>> found = new ArrayList<>();
        for (Node n : list().lookupAll(".message-cell")) {
            if (n instanceof ListCell<?> c && c.isVisible() && c.getItem() instanceof Message m && m.text().equals(text)) {
                found.add(c);
            }
        }
        return found.isEmpty() ? null : found.getFirst();
    }
}
