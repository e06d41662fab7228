package dev.parley.app.chat;

import dev.parley.app.fx.ThemeService;
import dev.parley.app.fx.ViewLoader;
import dev.parley.app.settings.MemoryStore;
import dev.parley.app.settings.Settings;
import dev.parley.client.ChatEvent;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.ScrollEvent;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static dev.parley.app.FxTest.fx;
import static dev.parley.app.FxTest.onFx;
import static dev.parley.app.FxTest.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chat list with many rows: following the bottom through bursts, paging older rows in when the
 * person scrolls up (without the view jumping), and back. The real view (FXML, controller, cell,
 * theme) with events handed to the view model on the FX thread, so every run sees the same rows.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(180)
class ChatScrollTest {
    private static final Instant T0 = Instant.parse("2026-11-10T08:00:00Z");
    private static final String[] PEOPLE = {"Alice", "Bob Stone", "carol", "Dmitri"};
    private static final String[] WORDS = ("the build is green again and the release notes need one more pass "
            + "before we tag it tonight could someone check the installer thanks").split(" ");

    private final ResourceBundle bundle = ResourceBundle.getBundle("dev.parley.app.messages", Locale.ENGLISH);
    private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    private final Random random = new Random(7);
    private final List<LogRecord> flowLog = new CopyOnWriteArrayList<>();
    private final Logger controlsLogger = Logger.getLogger("javafx.scene.control");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            flowLog.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level oldLevel;
    private Stage stage;
    private ChatViewModel vm;
    private ChatController controller;
    private ListView<ChatItem> list;
    private Instant next = T0;
    private long seq;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new javafx.scene.layout.StackPane(), 900, 640));
        stage.show();
    }

    @BeforeEach
    void open() {
        oldLevel = controlsLogger.getLevel();
        controlsLogger.setLevel(Level.INFO);
        controlsLogger.addHandler(capture);
        onFx(() -> {
            var settings = new Settings(new MemoryStore());
            var theme = new ThemeService(settings);
            theme.attach(stage.getScene());
            var formats = new ChatFormats(bundle, clock, Locale.ENGLISH);
            vm = new ChatViewModel(new FakeLink(), "10.0.0.5:7770", false, bundle, clock, (t, x) -> { });
            controller = new ChatController(vm, formats, theme, settings, url -> { }, clock, List.of(),
                    new ChatController.Actions(() -> { }, () -> { }, () -> { }, () -> { }));
            stage.getScene().setRoot(new ViewLoader(bundle).load("/dev/parley/app/chat/chat.fxml",
                    ViewLoader.only(controller)));
            @SuppressWarnings("unchecked")
            ListView<ChatItem> found = (ListView<ChatItem>) stage.getScene().lookup("#messages");
            list = found;
            vm.apply(List.of(Events.welcome("Reader", PEOPLE)));
        });
    }

    @AfterEach
    void close() {
        onFx(() -> controller.dispose());
        controlsLogger.removeHandler(capture);
        controlsLogger.setLevel(oldLevel);
    }

    /** {@code count} messages from others in runs of one to five, 40 s apart (a day is ~2,000). */
    private List<ChatEvent> messages(int count) {
        List<ChatEvent> out = new ArrayList<>(count);
        String sender = PEOPLE[0];
        int runLeft = 0;
        for (int i = 0; i < count; i++) {
            if (runLeft == 0) {
                sender = PEOPLE[random.nextInt(PEOPLE.length)];
                runLeft = 1 + random.nextInt(5);
            }
            runLeft--;
            int words = random.nextInt(10) < 7 ? 2 + random.nextInt(10) : 20 + random.nextInt(40);
            StringBuilder text = new StringBuilder("#").append(++seq);
            for (int w = 0; w < words; w++) {
                text.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
            }
            out.add(Events.from(sender, text.toString(), next));
            next = next.plusSeconds(40);
        }
        return out;
    }

    private void deliver(int count) {
        List<ChatEvent> batch = messages(count);
        onFx(() -> vm.apply(batch));
    }

    private VirtualFlow<?> flow() {
        return (VirtualFlow<?>) list.lookup(".virtual-flow");
    }

    /** The newest message is on screen, whole, at the bottom of the list. FX thread. */
    private boolean newestShownWhole() {
        VirtualFlow<?> flow = flow();
        IndexedCell<?> last = flow.getLastVisibleCell();
        return last != null && last.getItem() == vm.items().getLast() && last.isVisible()
                && last.getBoundsInParent().getMaxY() <= flow.getHeight() + 1.0
                && last.getBoundsInParent().getMaxY() >= flow.getHeight() - 1.0;
    }

    /** Lets a few pulses run, so that whatever the list does after a change has been done. */
    private static void settle() {
        for (int i = 0; i < 4; i++) {
            WaitForAsyncUtils.waitForFxEvents();
        }
    }

    /** What a mouse wheel sends; positive {@code dy} scrolls towards older rows. FX thread. */
    private void wheel(double dy) {
        VirtualFlow<?> flow = flow();
        double x = flow.getWidth() / 2;
        double y = flow.getHeight() / 2;
        Event.fireEvent(flow, new ScrollEvent(ScrollEvent.SCROLL, x, y, x, y, false, false, false, false, false, false,
                0, dy, 0, dy, ScrollEvent.HorizontalTextScrollUnits.NONE, 0, ScrollEvent.VerticalTextScrollUnits.NONE,
                0, 0, null));
    }

    private String where() {
        VirtualFlow<?> flow = flow();
        IndexedCell<?> last = flow.getLastVisibleCell();
        return String.format("%,d rows listed of %,d; last visible row %d (newest: %s), its bottom at %.1f of %.1f",
                list.getItems().size(), vm.items().size(), last.getIndex(), last.getItem() == vm.items().getLast(),
                last.getBoundsInParent().getMaxY(), flow.getHeight());
    }

    private record TopRow(ChatItem item, double y) {
    }

    private TopRow topRow() {
        IndexedCell<?> first = flow().getFirstVisibleCell();
        return new TopRow((ChatItem) first.getItem(), first.getLayoutY());
    }

    @Test
    void everyBurstEndsWithTheNewestMessageWholeAtTheBottom() {
        for (int burst = 0; burst < 10; burst++) {
            deliver(burst % 3 == 0 ? 2_000 : 1 + random.nextInt(300));
            settle();
            int b = burst;
            try {
                waitUntil(this::newestShownWhole);
            } catch (RuntimeException e) {
                throw new AssertionError("burst " + b + ": " + fx(this::where), e);
            }
        }
        assertFalse(fx(() -> controllerButtonVisible()), "no new-messages button while following");
    }

    @Test
    void aHugeChatKeepsOnlyAWindowOfRowsInTheListAndAllOfThemInTheChat() {
        deliver(8_000);
        settle();
        waitUntil(this::newestShownWhole);
        int shown = fx(() -> list.getItems().size());
        assertTrue(shown <= RowWindow.SIZE + RowWindow.SLACK, "the list holds a window, not " + shown + " rows");
        assertTrue(fx(() -> vm.items().size()) > 8_000, "the chat keeps every row");
        assertSame(fx(() -> vm.items().getLast()), fx(() -> list.getItems().getLast()));

        ChatItem top = fx(() -> list.getItems().getFirst());
        int at = fx(() -> vm.items().indexOf(top));
        assertTrue(top instanceof ChatItem.Day || top instanceof ChatItem.Message m && m.runFirst(),
                "the window starts at a day or at the first message of a run, so its name shows: " + top);
        assertFalse(fx(() -> vm.items().get(at - 1)) instanceof ChatItem.Day,
                "a day's separator stays with the day's first row");
    }

    @Test
    void scrollingUpPagesOlderRowsInWithoutMovingTheViewUpToTheFirstMessage() {
        deliver(9_000);
        settle();
        waitUntil(this::newestShownWhole);
        onFx(() -> wheel(40));
        settle();

        int pages = 0;
        while (fx(() -> list.getItems().getFirst()) != fx(() -> vm.items().getFirst()) && pages < 20) {
            // Drag the scroll bar near the top of what the list holds, then wheel on up.
            onFx(() -> list.scrollTo(ScrollFollower.EDGE + 3));
            settle();
            boolean paged = false;
            for (int k = 0; k < 60 && !paged; k++) {
                ChatItem firstBefore = fx(() -> list.getItems().getFirst());
                TopRow seen = fx(() -> {
                    wheel(120);
                    return topRow();
                });
                settle();
                if (fx(() -> list.getItems().getFirst()) != firstBefore) {
                    paged = true;
                    pages++;
                    TopRow now = fx(this::topRow);
                    assertSame(seen.item(), now.item(), "paging older rows in keeps the same row at the top");
                    // VirtualFlow re-measures rows on its next layout; seen to move the view by up to 7 px.
                    assertEquals(seen.y(), now.y(), 10.0, "and in the same place");
                }
            }
            assertTrue(paged, "reaching the top of the list brought older rows in");
        }
        assertTrue(pages >= 2, "older rows were paged in " + pages + " times");
        onFx(() -> list.scrollTo(0));
        settle();
        assertInstanceOf(ChatItem.Day.class, fx(() -> topRow().item()), "the chat starts with its first day");
        int shown = fx(() -> list.getItems().size());
        assertTrue(shown <= RowWindow.SIZE + RowWindow.PAGE, "the rows scrolled away from were trimmed: " + shown);
    }

    @Test
    void scrolledUpInHistoryNewMessagesAreCountedAndTheButtonBringsBackTheNewest() {
        deliver(9_000);
        settle();
        waitUntil(this::newestShownWhole);
        onFx(() -> wheel(40));
        settle();
        for (int step = 0; step < 3; step++) {
            onFx(() -> list.scrollTo(ScrollFollower.EDGE - 1));
            settle();
            settle();
        }
        assertFalse(fx(() -> list.getItems().getLast() == vm.items().getLast()),
                "far up in history the list no longer holds the newest rows");
        deliver(5);
        waitUntil(this::controllerButtonVisible);
        assertEquals("5 new", fx(() -> newMessagesButton().getText()), "one arrow: the icon, not a second one in the text");

        onFx(() -> newMessagesButton().fire());
        settle();
        waitUntil(this::newestShownWhole);
        waitUntil(() -> !controllerButtonVisible());
        int shown = fx(() -> list.getItems().size());
        assertTrue(shown <= RowWindow.SIZE + RowWindow.SLACK, "back at the bottom the window is trimmed: " + shown);
        deliver(3);
        settle();
        waitUntil(this::newestShownWhole);
    }

    @Test
    void burstsAndScrollingLeaveTheLogQuiet() {
        deliver(5_000);
        settle();
        waitUntil(this::newestShownWhole);
        for (int i = 0; i < 4; i++) {
            deliver(1_500);
            settle();
            waitUntil(this::newestShownWhole);
        }
        for (int step = 0; step < 30; step++) {
            double dy = step % 2 == 0 ? 400 : -120;
            onFx(() -> wheel(dy));
            settle();
        }
        assertEquals(List.of(), flowLog.stream().map(LogRecord::getMessage).distinct().toList(),
                "VirtualFlow had nothing to complain about");
    }

    @Test
    void theTimeShowsTheFullDateOnHoverAndARightClickOffersCopy() {
        deliver(30);
        settle();
        waitUntil(this::newestShownWhole);
        ChatItem.Message newest = (ChatItem.Message) fx(() -> vm.items().getLast());
        Label time = fx(() -> (Label) ((Node) flow().getLastVisibleCell()).lookup(".time"));
        String full = new ChatFormats(bundle, clock, Locale.ENGLISH).full(newest.time());
        // What hovering shows, without waiting out the hover delay: the tooltip the time carries.
        String shown = fx(() -> {
            Tooltip tip = time.getTooltip();
            var b = time.localToScreen(time.getBoundsInLocal());
            tip.show(time, b.getMinX(), b.getMaxY());
            String text = tip.getText();
            tip.hide();
            return text;
        });
        assertEquals(full, shown);

        onFx(() -> {
            Node cell = (Node) flow().getLastVisibleCell();
            var b = cell.localToScreen(cell.getBoundsInLocal());
            Event.fireEvent(cell, new javafx.scene.input.ContextMenuEvent(
                    javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED, 10, 10, b.getMinX() + 10,
                    b.getMinY() + 10, false, null));
        });
        waitUntil(() -> Window.getWindows().stream().anyMatch(w -> w instanceof ContextMenu m && m.isShowing()));
        onFx(() -> {
            ContextMenu menu = (ContextMenu) Window.getWindows().stream()
                    .filter(w -> w instanceof ContextMenu m && m.isShowing()).findFirst().orElseThrow();
            MenuItem copy = menu.getItems().getFirst();
            assertEquals("Copy text", copy.getText());
            copy.fire();
            menu.hide();
        });
        // The headless platform has no clipboard to read back; a real window's is checked by hand.
    }

    private javafx.scene.control.Button newMessagesButton() {
        return (javafx.scene.control.Button) stage.getScene().lookup("#newMessagesButton");
    }

    private boolean controllerButtonVisible() {
        return newMessagesButton().isVisible();
    }
}
