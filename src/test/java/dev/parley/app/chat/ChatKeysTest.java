package dev.parley.app.chat;

import dev.parley.client.ChatEvent;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.MenuButton;
import javafx.scene.control.TextArea;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.ArrayList;
import java.util.List;

import static dev.parley.app.FxTest.fx;
import static dev.parley.app.FxTest.onFx;
import static dev.parley.app.FxTest.waitUntil;
import static dev.parley.app.chat.ChatViewFixture.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chat window from the keyboard alone, with real key presses. */
@ExtendWith(ApplicationExtension.class)
@Timeout(60)
class ChatKeysTest {
    private ChatViewFixture view;

    @Start
    void start(Stage stage) {
        view = new ChatViewFixture(stage);
    }

    @AfterEach
    void close() {
        view.close();
    }

    private void openWithMessages(int count) {
        view.open(900, false);
        List<ChatEvent> events = new ArrayList<>();
        events.add(Events.welcome("Reader", "Alice"));
        for (int i = 0; i < count; i++) {
            events.add(Events.from("Alice", "message " + i + " with a few words to fill the row", T0.plusSeconds(i)));
        }
        view.apply(events.toArray(ChatEvent[]::new));
        onFx(() -> composer().requestFocus());
        ChatViewFixture.settle();
    }

    private TextArea composer() {
        return view.find("#composer");
    }

    private Node focusOwner() {
        return view.scene().getFocusOwner();
    }

    private static boolean ringShown(Node node) {
        return node instanceof Region r && r.getBorder() != null && !r.getBorder().getStrokes().isEmpty()
                && r.getBorder().getStrokes().getFirst().getWidths().getTop() >= 2;
    }

    private int firstVisible() {
        return ((VirtualFlow<?>) view.messages().lookup(".virtual-flow")).getFirstVisibleCell().getIndex();
    }

    @Test
    void tabLeavesTheComposerWithoutTypingATabAndTheMenuButtonShowsAFocusRing(FxRobot robot) {
        openWithMessages(3);
        robot.write("hi");
        robot.type(KeyCode.TAB);
        ChatViewFixture.settle();
        assertEquals("hi", fx(() -> composer().getText()), "Tab typed nothing");
        assertFalse(fx(() -> composer().isFocused()), "Tab moved focus on");
        Node next = fx(this::focusOwner);
        assertTrue(fx(() -> ringShown(next)), "what Tab reached shows a ring: " + next);

        // From an empty composer (Send is disabled then) Tab reaches the attach button beside it, then
        // the emoji button, then wraps round to the header: the side panel's toggle, then the menu button.
        onFx(() -> {
            composer().setText("");
            composer().requestFocus();
        });
        robot.type(KeyCode.TAB);
        ChatViewFixture.settle();
        Node attach = fx(this::focusOwner);
        assertEquals("attachButton", attach.getId());
        assertTrue(fx(() -> ringShown(attach)), "the attach button shows a focus ring");
        robot.type(KeyCode.TAB);
        ChatViewFixture.settle();
        Node emoji = fx(this::focusOwner);
        assertEquals("emojiButton", emoji.getId());
        assertTrue(fx(() -> ringShown(emoji)), "the emoji button shows a focus ring");
        robot.type(KeyCode.TAB);
        ChatViewFixture.settle();
        Node toggle = fx(this::focusOwner);
        assertEquals("panelToggle", toggle.getId());
        assertTrue(fx(() -> ringShown(toggle)), "the panel toggle shows a focus ring");
        robot.type(KeyCode.TAB);
        ChatViewFixture.settle();
        Node menu = fx(this::focusOwner);
        assertTrue(menu instanceof MenuButton, "Tab reached the menu button: " + menu);
        assertTrue(fx(() -> ringShown(menu)), "the menu button shows a focus ring");

        robot.press(KeyCode.SHIFT).press(KeyCode.TAB).release(KeyCode.TAB).release(KeyCode.SHIFT);
        robot.press(KeyCode.SHIFT).press(KeyCode.TAB).release(KeyCode.TAB).release(KeyCode.SHIFT);
        robot.press(KeyCode.SHIFT).press(KeyCode.TAB).release(KeyCode.TAB).release(KeyCode.SHIFT);
        robot.press(KeyCode.SHIFT).press(KeyCode.TAB).release(KeyCode.TAB).release(KeyCode.SHIFT);
        ChatViewFixture.settle();
        assertTrue(fx(() -> composer().isFocused()), "Shift+Tab goes back to the composer");
    }

    @Test
    void theMenuOpensFromTheKeyboardAndEscClosesIt(FxRobot robot) {
        openWithMessages(3);
        onFx(() -> view.find("#chatMenu").requestFocus());
        robot.type(KeyCode.SPACE);
        waitUntil(() -> ((MenuButton) view.find("#chatMenu")).isShowing());
        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> !((MenuButton) view.find("#chatMenu")).isShowing());
    }

    @Test
    void altUpPutsFocusOnTheNewestMessageHighlightedAndEscGoesBackToTheComposer(FxRobot robot) {
        openWithMessages(5);
        robot.press(KeyCode.ALT).press(KeyCode.UP).release(KeyCode.UP).release(KeyCode.ALT);
        ChatViewFixture.settle();
        assertTrue(fx(() -> view.messages().isFocused()), "the list has focus");
        assertEquals(fx(() -> view.messages().getItems().size() - 1),
                fx(() -> view.messages().getFocusModel().getFocusedIndex()), "Alt+Up from the composer: the newest row");
        robot.press(KeyCode.ALT).press(KeyCode.UP).release(KeyCode.UP).release(KeyCode.ALT);
        ChatViewFixture.settle();
        int focused = fx(() -> view.messages().getFocusModel().getFocusedIndex());
        assertEquals(fx(() -> view.messages().getItems().size() - 2), focused, "and again: one row up");
        IndexedCell<?> cell = fx(() -> ((VirtualFlow<?>) view.messages().lookup(".virtual-flow")).getVisibleCell(focused));
        assertNotNull(cell);
        assertTrue(fx(() -> cell.getBackground() != null && !cell.getBackground().getFills().isEmpty()
                && !cell.getBackground().getFills().getFirst().getFill().equals(javafx.scene.paint.Color.TRANSPARENT)),
                "the focused row is highlighted");

        robot.press(KeyCode.ALT).press(KeyCode.DOWN).release(KeyCode.DOWN).release(KeyCode.ALT);
        assertEquals(focused + 1, (int) fx(() -> view.messages().getFocusModel().getFocusedIndex()));
        robot.type(KeyCode.ESCAPE);
        ChatViewFixture.settle();
        assertTrue(fx(() -> composer().isFocused()), "Esc in the list goes back to the composer");
    }

    @Test
    void pageUpAndPageDownScrollTheConversationFromTheComposer(FxRobot robot) {
        openWithMessages(80);
        waitUntil(() -> firstVisible() > 10);
        int before = fx(this::firstVisible);
        robot.type(KeyCode.PAGE_UP);
        ChatViewFixture.settle();
        int after = fx(this::firstVisible);
        assertTrue(after < before, "Page Up scrolled towards older messages: " + before + " -> " + after);
        assertTrue(fx(() -> composer().isFocused()), "and the composer keeps focus");
        ChatViewFixture.settle();
        assertEquals(after, (int) fx(this::firstVisible), "the view stays where Page Up put it");
        robot.type(KeyCode.PAGE_DOWN);
        ChatViewFixture.settle();
        assertTrue(fx(this::firstVisible) > after, "Page Down scrolled back");
    }

    @Test
    void ctrlWLeavesCtrlQQuitsAndCtrlFAndUpInAnEmptyComposerTypeNothing(FxRobot robot) {
        openWithMessages(3);
        robot.press(KeyCode.CONTROL).press(KeyCode.F).release(KeyCode.F).release(KeyCode.CONTROL);
        robot.type(KeyCode.UP);
        ChatViewFixture.settle();
        assertEquals("", fx(() -> composer().getText()), "Ctrl+F (no search yet) and Up leave the composer empty");
        assertTrue(view.actions.isEmpty());
        robot.press(KeyCode.CONTROL).press(KeyCode.W).release(KeyCode.W).release(KeyCode.CONTROL);
        robot.press(KeyCode.CONTROL).press(KeyCode.Q).release(KeyCode.Q).release(KeyCode.CONTROL);
        ChatViewFixture.settle();
        assertEquals(List.of("leave", "quit"), fx(() -> List.copyOf(view.actions)));
    }

    @Test
    void enterOnAFailedMessageSendsItAgainAndTheMenuKeyOpensTheRowsMenu(FxRobot robot) {
        openWithMessages(2);
        onFx(() -> {
            view.vm.draftProperty().set("refused");
            view.vm.send();
            view.vm.apply(List.of(new ChatEvent.SendFailed("id1", "Not allowed.")));
        });
        robot.press(KeyCode.ALT).press(KeyCode.DOWN).release(KeyCode.DOWN).release(KeyCode.ALT);
        ChatViewFixture.settle();
        assertTrue(fx(() -> view.messages().getFocusModel().getFocusedItem() instanceof ChatItem.Message m
                && m.delivery() == ChatItem.Delivery.FAILED), "the failed message is focused");
        robot.type(KeyCode.ENTER);
        ChatViewFixture.settle();
        assertEquals(List.of("refused", "refused"), fx(() -> List.copyOf(view.link.sent)), "Enter sent it again");

        robot.press(KeyCode.SHIFT).press(KeyCode.F10).release(KeyCode.F10).release(KeyCode.SHIFT);
        waitUntil(() -> Window.getWindows().stream().anyMatch(w -> w instanceof ContextMenu m && m.isShowing()));
        ContextMenu menu = fx(() -> (ContextMenu) Window.getWindows().stream()
                .filter(w -> w instanceof ContextMenu m && m.isShowing()).findFirst().orElseThrow());
        fx(() -> {
            var cell = ((VirtualFlow<?>) view.messages().lookup(".virtual-flow"))
                    .getVisibleCell(view.messages().getFocusModel().getFocusedIndex());
            assertSame(cell.getContextMenu(), menu, "the focused row's menu: " + menu.getOwnerNode() + " " + menu.isShowing());
            return null;
        });
        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> !menu.isShowing());
    }
}
