package dev.parley.app.chat;

import dev.parley.client.ChatEvent;
import dev.parley.protocol.Frame;
import dev.parley.protocol.Role;
import javafx.event.Event;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.parley.app.FxTest.fx;
import static dev.parley.app.FxTest.onFx;
import static dev.parley.app.FxTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * History in the real chat window: scrolling up past the replay pages older messages in from the
 * host, and Ctrl+F finds a message far back and shows it in its context.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(120)
class HistoryWindowTest {
    private ChatViewFixture view;

    @Start
    void start(Stage stage) {
        view = new ChatViewFixture(stage);
    }

    @AfterEach
    void close() {
        view.close();
    }

    private static Frame.Msg msg(long seq) {
        return new Frame.Msg(seq, "m" + seq, seq % 2 == 0 ? "Ann" : "Ben", Role.GUEST,
                seq == 42 ? "the otter is back on the river" : "message number " + seq,
                ChatViewFixture.T0.plusSeconds(seq).toString());
    }

    /** A room of 1,000 messages of which the window got the latest 50 on join. */
    private void joinedLate() {
        for (long seq = 1; seq <= 1_000; seq++) {
            view.link.stored.add(msg(seq));
        }
        view.link.historyGranted = true;
        view.open(900, false);
        List<ChatEvent> live = new ArrayList<>();
        live.add(new ChatEvent.Connected("Team room", "Cat", List.of(new Frame.User("Cat", Role.GUEST)), false, false,
                false, "room-1", Map.of("history", 1, "search", 1)));
        for (long seq = 951; seq <= 1_000; seq++) {
            live.add(new ChatEvent.Message(msg(seq), false));
        }
        view.apply(live.toArray(ChatEvent[]::new));
    }

    private long oldestShown() {
        return view.vm.items().stream().filter(ChatItem.Message.class::isInstance)
                .mapToLong(i -> ((ChatItem.Message) i).seq()).min().orElse(0);
    }

    /** What a mouse wheel over the list sends; positive {@code dy} scrolls towards older rows. FX thread. */
    private void wheel(double dy) {
        VirtualFlow<?> flow = (VirtualFlow<?>) view.messages().lookup(".virtual-flow");
        double x = flow.getWidth() / 2;
        double y = flow.getHeight() / 2;
        Event.fireEvent(flow, new ScrollEvent(ScrollEvent.SCROLL, x, y, x, y, false, false, false, false, false, false,
                0, dy, 0, dy, ScrollEvent.HorizontalTextScrollUnits.NONE, 0, ScrollEvent.VerticalTextScrollUnits.NONE,
                0, 0, null));
    }

    @Test
    void scrollingUpPastTheReplayPagesOlderMessagesIn() {
        joinedLate();
        assertThat(fx(this::oldestShown)).isEqualTo(951);
        // The person wheels up until the first rows of the window are in view, and on.
        for (int i = 0; i < 400 && fx(this::oldestShown) > 851; i++) {
            onFx(() -> wheel(400));
            ChatViewFixture.settle();
        }
        assertThat(view.link.requests).first().isEqualTo("before 951");
        assertThat(fx(this::oldestShown)).isLessThanOrEqualTo(851);
        // What they looked at stayed put: the list shows older rows above, not in place of it.
        waitUntil(() -> view.messages().getItems().stream()
                .anyMatch(i -> i instanceof ChatItem.Message m && m.seq() < 951));
    }

    @Test
    void ctrlFFindsAnOldMessageAndShowsItInItsContext(FxRobot robot) {
        joinedLate();
        robot.clickOn("#composer");
        robot.press(KeyCode.CONTROL).press(KeyCode.F).release(KeyCode.F).release(KeyCode.CONTROL);
        waitUntil(() -> view.<VBox>find("#searchPanel").isVisible()
                && view.<TextField>find("#searchField").isFocused());
        robot.write("otter");
        robot.type(KeyCode.ENTER);
        @SuppressWarnings("unchecked")
        ListView<SearchViewModel.Hit> results = view.find("#searchResults");
        waitUntil(() -> results.getItems().size() == 1);
        robot.clickOn(results.lookup(".search-hit"));
        waitUntil(() -> view.messages().getItems().stream()
                .anyMatch(i -> i instanceof ChatItem.Message m && m.seq() == 42));
        String found = fx(() -> (String) view.messages().getProperties().get(MessageCell.FOUND_KEY));
        ChatItem row = fx(() -> view.vm.items().stream().filter(i -> i.key().equals(found)).findFirst().orElseThrow());
        assertThat(((ChatItem.Message) row).text()).isEqualTo("the otter is back on the river");
        assertThat(view.link.requests).contains("search otter", "around 42");
        // The found row is on screen, between its neighbours, with the gap to the newer messages below.
        waitUntil(() -> {
            VirtualFlow<?> flow = (VirtualFlow<?>) view.messages().lookup(".virtual-flow");
            int at = view.messages().getItems().indexOf(row);
            return at >= 0 && flow.getVisibleCell(at) != null;
        });
        assertThat(fx(() -> view.vm.items().stream()
                .anyMatch(i -> i instanceof ChatItem.Info info && info.kind() == ChatItem.InfoKind.GAP))).isTrue();
        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> !view.<VBox>find("#searchPanel").isVisible());
    }
}
