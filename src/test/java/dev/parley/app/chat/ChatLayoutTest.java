package dev.parley.app.chat;

import dev.parley.client.Problem;
import dev.parley.client.ChatEvent;
import dev.parley.protocol.Frame;
import dev.parley.protocol.Role;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;

import dev.parley.app.FxTest;

import static dev.parley.app.FxTest.fx;
import static dev.parley.app.chat.ChatViewFixture.T0;
import static dev.parley.app.chat.ChatViewFixture.drawn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the chat window lays itself out at the widths people use, from 640 to 1920 px. */
@ExtendWith(ApplicationExtension.class)
@Timeout(60)
class ChatLayoutTest {
    /** 32 characters, the longest name the protocol allows. */
    private static final String LONG = "Maximiliana Ñandú de Montealegre";
    private ChatViewFixture view;

    @Start
    void start(Stage stage) {
        view = new ChatViewFixture(stage);
    }

    @AfterEach
    void close() {
        view.close();
    }

    private static ChatEvent.Connected room(String you, Frame.User... users) {
        return new ChatEvent.Connected("Team room", you, List.of(users), false, false, false);
    }

    private static boolean within(Node inner, Node outer) {
        Bounds a = inner.localToScene(inner.getBoundsInLocal());
        Bounds b = outer.localToScene(outer.getBoundsInLocal());
        return a.getMinX() >= b.getMinX() - 0.5 && a.getMaxX() <= b.getMaxX() + 0.5;
    }

    private static boolean horizontalBarShown(ListView<?> list) {
        return list.lookupAll(".scroll-bar").stream().anyMatch(n -> n instanceof ScrollBar bar
                && bar.getOrientation() == Orientation.HORIZONTAL && bar.isVisible());
    }

    @Test
    void aLongNameIsEllipsizedInThePeopleListWithYouAndHostStillShownAndNoSidewaysScrolling() {
        view.open(640, true);
        view.controller.sidePanelShown(true);
        view.apply(room(LONG, new Frame.User(LONG, Role.HOST), new Frame.User("Carol ñandú", Role.GUEST)));
        fx(() -> {
            ListView<Person> people = view.find("#people");
            assertFalse(horizontalBarShown(people), "the people list never scrolls sideways");
            Node cell = people.lookupAll(".person-cell").stream()
                    .filter(n -> ((PersonCell) n).getItem() != null && ((PersonCell) n).getItem().you())
                    .findFirst().orElseThrow();
            Label name = (Label) cell.lookup(".person-name");
            assertTrue(drawn(name).endsWith("…"), "the name gives way with an ellipsis: " + drawn(name));
            Label you = (Label) cell.lookup(".you-mark");
            Label host = (Label) cell.lookup(".host-badge");
            assertEquals("(you)", drawn(you), "(you) is shown whole");
            assertEquals("host", drawn(host), "the host badge is shown whole");
            assertTrue(within(you, people) && within(host, people), "and both inside the list");
            assertEquals(LONG + " (you), host", ((PersonCell) cell).getTooltip().getText(),
                    "the tooltip has the whole name");
            return null;
        });
    }

    @Test
    void aLongNameInABubbleIsEllipsizedWithTheHostBadgeInView() {
        view.open(640, false);
        view.controller.sidePanelShown(true);
        view.apply(room("Reader", new Frame.User(LONG, Role.HOST), new Frame.User("Reader", Role.GUEST)),
                new ChatEvent.Message(new Frame.Msg(1, "a", LONG, Role.HOST, "hi", T0.toString()), false));
        fx(() -> {
            Node cell = view.messages().lookupAll(".message-cell").stream()
                    .filter(n -> ((MessageCell) n).getItem() instanceof ChatItem.Message)
                    .findFirst().orElseThrow();
            Label sender = (Label) cell.lookup(".sender");
            Label host = (Label) cell.lookup(".host-badge");
            Node bubble = cell.lookup(".bubble");
            assertTrue(drawn(sender).endsWith("…"), "the name gives way with an ellipsis: " + drawn(sender));
            assertEquals("host", drawn(host));
            assertTrue(within(host, bubble), "the host badge stays inside the bubble");
            assertNotNull(sender.getTooltip(), "the name has a tooltip with all of it");
            assertFalse(horizontalBarShown(view.messages()), "the chat never scrolls sideways");
            return null;
        });
    }

    @Test
    void thePlaceholderStaysWhileTheComposerHasFocusUntilTheFirstKeyAndStaysOnOneLineAt640() {
        view.open(640, false);
        view.controller.sidePanelShown(true);
        view.apply(room("Reader", new Frame.User("Reader", Role.GUEST)));
        javafx.scene.control.TextArea composer = view.find("#composer");
        Label hint = view.find("#composerHint");
        FxTest.onFx(composer::requestFocus);
        ChatViewFixture.settle();
        fx(() -> {
            assertTrue(composer.isFocused());
            assertTrue(hint.isVisible(), "the placeholder shows while the composer has focus");
            assertTrue(drawn(hint).endsWith("…"), "at 640 px it is ellipsized: " + drawn(hint));
            assertTrue(hint.getHeight() < 2 * hint.getFont().getSize() + 8, "on one line: " + hint.getHeight());
            assertTrue(within(hint, composer), "inside the composer");
            return null;
        });
        FxTest.onFx(() -> composer.setText("h"));
        assertFalse(fx(hint::isVisible), "the first key hides it");
        FxTest.onFx(() -> composer.setText(""));
        assertTrue(fx(hint::isVisible), "an empty composer shows it again");
    }

    @Test
    void theReconnectBannerFitsAt640AndThePeopleListStopsClaimingWhoIsOnline() {
        view.open(640, false);
        view.controller.sidePanelShown(true);
        view.apply(room("Reader", new Frame.User("Reader", Role.GUEST), new Frame.User("Alice", Role.GUEST)));
        assertEquals("People · 2 online", fx(() -> ((Label) view.find("#peopleTitle")).getText()));
        view.apply(new ChatEvent.Disconnected(new Problem.HostClosed(), T0.plusSeconds(30), 1));
        fx(() -> {
            Label text = view.find("#bannerLabel");
            javafx.scene.control.Button button = view.find("#reconnectButton");
            assertTrue(text.isVisible());
            assertEquals(text.getText(), drawn(text), "the banner's sentence is shown whole");
            assertEquals(button.getText(), drawn(button), "and so is its button");
            assertTrue(within(button, view.find("#banner")), "inside the banner");
            Label title = view.find("#peopleTitle");
            Label note = view.find("#peopleNote");
            assertFalse(title.getText().contains("online"), "no stale count while disconnected: " + title.getText());
            assertTrue(note.isVisible() && note.getText().contains("unknown"), "a sentence says why");
            assertTrue(view.find("#sidePanel").getPseudoClassStates().toString().contains("reconnecting"),
                    "the list is greyed");
            return null;
        });
        view.apply(new ChatEvent.Connected("Team room", "Reader",
                List.of(new Frame.User("Reader", Role.GUEST)), true, false, false));
        assertEquals("People · 1 online", fx(() -> ((Label) view.find("#peopleTitle")).getText()));
        assertFalse(fx(() -> view.find("#peopleNote").isVisible()));
    }

    @Test
    void thePastedParagraphGrowsTheComposerLineByLineUpToEightRowsThenItScrolls() {
        view.open(640, false);
        view.apply(room("Reader", new Frame.User("Reader", Role.GUEST)));
        javafx.scene.control.TextArea composer = view.find("#composer");
        double oneLine = fx(composer::getHeight);
        String paragraph = "A pasted paragraph without a single line break, long enough to wrap over a few lines "
                + "in a window that is only six hundred and forty pixels wide, as people paste them.";
        FxTest.onFx(() -> composer.setText(paragraph));
        FxTest.waitUntil(() -> composer.getPrefRowCount() >= 3);
        ChatViewFixture.settle();
        fx(() -> {
            double line = composer.getFont().getSize() * 1.2;
            assertTrue(composer.getHeight() >= oneLine + 1.8 * line,
                    "the composer grew by at least two lines: " + oneLine + " -> " + composer.getHeight());
            assertEquals(0.0, composer.getScrollTop(), 0.5, "its first line is in view");
            return null;
        });
        FxTest.onFx(() -> composer.setText(paragraph.repeat(6)));
        FxTest.waitUntil(() -> composer.getPrefRowCount() == ComposerSizer.MAX_ROWS);
        ChatViewFixture.settle();
        double capped = fx(composer::getHeight);
        FxTest.onFx(() -> composer.setText(paragraph.repeat(12)));
        ChatViewFixture.settle();
        assertEquals(capped, fx(composer::getHeight), 0.5, "it stops growing at eight rows");
        assertTrue(fx(() -> composer.lookupAll(".scroll-bar").stream()
                .anyMatch(n -> n instanceof ScrollBar b && b.getOrientation() == Orientation.VERTICAL && b.isVisible())),
                "and scrolls");
        FxTest.onFx(() -> composer.setText("short"));
        FxTest.waitUntil(() -> composer.getPrefRowCount() == 1);
    }

    @Test
    void aDraftOverTheLimitOffersToGoAsSeveralMessages() {
        view.open(640, false);
        view.apply(room("Reader", new Frame.User("Reader", Role.GUEST)));
        String long1 = "Sentence number one is here. ".repeat(200);
        FxTest.onFx(() -> view.vm.draftProperty().set(long1));
        ChatViewFixture.settle();
        fx(() -> {
            Label text = view.find("#splitLabel");
            javafx.scene.control.Button send = view.find("#splitButton");
            assertTrue(text.isVisible() && text.getText().startsWith("This is longer than one message"));
            assertEquals(text.getText(), drawn(text), "the sentence is shown whole at 640 px");
            assertEquals("Send as 2 messages", drawn(send));
            send.fire();
            return null;
        });
        assertEquals(2, fx(() -> view.link.sent.size()));
    }

    @Test
    void atFullHdTheConversationIsACentredReadableColumn() {
        view.open(1920, false);
        String longText = "A long message that would run across the whole screen on a wide window if nothing stopped it, "
                .repeat(4);
        view.apply(room("Reader", new Frame.User("Reader", Role.GUEST), new Frame.User("Alice", Role.GUEST)),
                Events.from("Alice", longText, T0));
        fx(() -> {
            ListView<ChatItem> list = view.messages();
            Node conversation = view.find("#conversation");
            Bounds l = list.localToScene(list.getBoundsInLocal());
            Bounds c = conversation.localToScene(conversation.getBoundsInLocal());
            assertTrue(l.getWidth() <= ChatLayout.COLUMN + 0.5, "the column is capped: " + l.getWidth());
            assertEquals(l.getMinX() - c.getMinX(), c.getMaxX() - l.getMaxX(), 1.0, "and centred");
            Node bubble = list.lookupAll(".message-cell").stream()
                    .filter(n -> ((MessageCell) n).getItem() instanceof ChatItem.Message).findFirst().orElseThrow()
                    .lookup(".bubble");
            assertTrue(bubble.getBoundsInLocal().getWidth() <= 600, "a bubble stays readable: "
                    + bubble.getBoundsInLocal().getWidth());
            assertTrue(view.find("#sidePanel").isVisible(), "a wide window shows the side panel");
            return null;
        });
    }

    @Test
    void theSidePanelStartsHiddenOnNarrowWindowsAndTheToggleIsRememberedOnWideOnes() {
        view.open(640, false);
        view.apply(room("Reader", new Frame.User("Reader", Role.GUEST)));
        javafx.scene.control.ToggleButton toggle = view.find("#panelToggle");
        assertFalse(fx(() -> view.find("#sidePanel").isVisible()), "hidden below 800 px");
        FxTest.onFx(toggle::fire);
        assertTrue(fx(() -> view.find("#sidePanel").isVisible()), "the toggle shows it");
        assertTrue(view.settings.sidePanel().isEmpty(), "a narrow window's choice is not remembered");

        view.resize(1280);
        assertTrue(fx(() -> view.find("#sidePanel").isVisible() && toggle.isSelected()), "shown on a wide window");
        FxTest.onFx(toggle::fire);
        assertFalse(fx(() -> view.find("#sidePanel").isVisible()));
        assertEquals(java.util.Optional.of(false), view.settings.sidePanel(), "hiding it on a wide window is remembered");
        view.resize(700);
        view.resize(1300);
        assertFalse(fx(() -> view.find("#sidePanel").isVisible()), "and kept");
    }

    @Test
    void aCollapsedRunOfJoinsAndLeavesListsEveryoneInItsTooltip() {
        view.open(1280, false);
        view.apply(room("Reader", new Frame.User("Reader", Role.GUEST)), Events.joined("Ann", T0),
                Events.joined("Bob", T0), Events.joined("Cid", T0), Events.joined("Dee", T0),
                Events.left("Ann", dev.parley.protocol.LeaveReason.QUIT, T0));
        String shown = fx(() -> {
            Node cell = view.messages().lookupAll(".message-cell").stream()
                    .filter(n -> ((MessageCell) n).getItem() instanceof ChatItem.Info).findFirst().orElseThrow();
            Label info = (Label) cell.lookup(".info");
            assertEquals("Ann joined and left · Bob, Cid and Dee joined", drawn(info));
            var tip = info.getTooltip();
            var b = info.localToScreen(info.getBoundsInLocal());
            tip.show(info, b.getMinX(), b.getMaxY());
            String text = tip.getText();
            tip.hide();
            return text;
        });
        assertEquals("Ann joined\nBob joined\nCid joined\nDee joined\nAnn left", shown);
    }

    @Test
    void aMessageDeliveredMinutesAfterItWasSentSaysBothTimesInItsTooltip() {
        view.open(1280, false);
        view.apply(room("Reader", new Frame.User("Reader", Role.GUEST)),
                new ChatEvent.Disconnected(new Problem.HostSilent(), T0.plusSeconds(5), 1));
        FxTest.onFx(() -> {
            view.vm.draftProperty().set("typed while away");
            view.vm.send();
        });
        view.clock.advance(java.time.Duration.ofMinutes(3));
        view.apply(new ChatEvent.Connected("Team room", "Reader", List.of(new Frame.User("Reader", Role.GUEST)),
                true, false, true), Events.echo("id1", "Reader", "typed while away", T0.plusSeconds(185)));
        String tip = fx(() -> {
            Node cell = view.messages().lookupAll(".message-cell").stream()
                    .filter(n -> ((MessageCell) n).getItem() instanceof ChatItem.Message).findFirst().orElseThrow();
            Label time = (Label) cell.lookup(".time");
            assertEquals("10:03", drawn(time));
            var b = time.localToScreen(time.getBoundsInLocal());
            time.getTooltip().show(time, b.getMinX(), b.getMaxY());
            String text = time.getTooltip().getText();
            time.getTooltip().hide();
            return text;
        });
        assertTrue(tip.startsWith("Sent 10:00, delivered 10:03\n"), tip);
    }

    /** Right-clicks the row showing {@code text} and returns the visible items of the menu that opens. */
    private List<String> menuOf(String text) {
        FxTest.onFx(() -> {
            Node cell = view.messages().lookupAll(".message-cell").stream()
                    .filter(n -> ((MessageCell) n).getItem() instanceof ChatItem.Message m && m.text().equals(text))
                    .findFirst().orElseThrow();
            var b = cell.localToScreen(cell.getBoundsInLocal());
            javafx.event.Event.fireEvent(cell, new javafx.scene.input.ContextMenuEvent(
                    javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED, 10, 10, b.getMinX() + 10,
                    b.getMinY() + 10, false, null));
        });
        FxTest.waitUntil(() -> javafx.stage.Window.getWindows().stream()
                .anyMatch(w -> w instanceof javafx.scene.control.ContextMenu m && m.isShowing()));
        return fx(() -> {
            var menu = (javafx.scene.control.ContextMenu) javafx.stage.Window.getWindows().stream()
                    .filter(w -> w instanceof javafx.scene.control.ContextMenu m && m.isShowing()).findFirst().orElseThrow();
            List<String> items = menu.getItems().stream().filter(javafx.scene.control.MenuItem::isVisible)
                    .map(javafx.scene.control.MenuItem::getText).toList();
            menu.hide();
            return items;
        });
    }

    @Test
    void aMessagesMenuOffersCopyTextAndCopyLinkWhenItHasALink() {
        view.open(1280, false);
        view.apply(room("Reader", new Frame.User("Reader", Role.GUEST)),
                Events.from("Alice", "see https://openjfx.io", T0), Events.from("Bob", "no link here", T0));
        assertEquals(List.of("Copy text", "Copy link"), menuOf("see https://openjfx.io"));
        assertEquals(List.of("Copy text"), menuOf("no link here"));
    }

    @Test
    void theChatMenuTurnsNotificationsAndTheirSoundOffAndRemembersIt() {
        view.open(1280, false);
        var menu = (javafx.scene.control.MenuButton) view.find("#chatMenu");
        var items = fx(() -> menu.getItems().stream()
                .filter(javafx.scene.control.CheckMenuItem.class::isInstance)
                .map(javafx.scene.control.CheckMenuItem.class::cast).toList());
        var notify = items.stream().filter(i -> "notifyItem".equals(i.getId())).findFirst().orElseThrow();
        var sound = items.stream().filter(i -> "soundItem".equals(i.getId())).findFirst().orElseThrow();
        assertTrue(fx(notify::isSelected) && fx(sound::isSelected), "both on by default");
        // What a click on a check item does: toggle it.
        FxTest.onFx(() -> sound.setSelected(false));
        assertFalse(view.settings.notificationSound(), "muting is remembered");
        FxTest.onFx(() -> notify.setSelected(false));
        assertFalse(view.settings.notifications(), "turning them off is remembered");
        assertTrue(fx(sound::isDisable), "sound has no meaning while notifications are off");
    }
}
