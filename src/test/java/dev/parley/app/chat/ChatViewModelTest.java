package dev.parley.app.chat;

import dev.parley.app.chat.ChatItem.Delivery;
import dev.parley.app.chat.ChatItem.Message;
import dev.parley.client.ChatEvent;
import dev.parley.client.Problem;
import dev.parley.protocol.LeaveReason;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chat's state logic, without a window. */
@Timeout(30)
class ChatViewModelTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private final ResourceBundle bundle = ResourceBundle.getBundle("dev.parley.app.messages", Locale.ENGLISH);
    private final FakeLink link = new FakeLink();
    private final MutableClock clock = new MutableClock(T0, ZoneOffset.UTC);
    private final List<String> notifications = new ArrayList<>();
    private ChatViewModel vm;

    @BeforeEach
    void open() {
        vm = new ChatViewModel(link, "10.0.0.5:7770", false, bundle, clock, (t, x) -> notifications.add(t + "|" + x));
        vm.apply(List.of(Events.welcome("Bob", "Carol", "Alice")));
    }

    private List<Message> messages() {
        return vm.items().stream().filter(Message.class::isInstance).map(Message.class::cast).toList();
    }

    private List<String> infoTexts() {
        return vm.items().stream().filter(ChatItem.Info.class::isInstance).map(i -> ((ChatItem.Info) i).text()).toList();
    }

    @Test
    void ownMessageIsSendingUntilItsEchoArrivesThenDelivered() {
        vm.draftProperty().set("hello");
        assertTrue(vm.send());
        assertEquals("", vm.draftProperty().get());
        Message sending = messages().getLast();
        assertTrue(sending.outgoing());
        assertEquals(Delivery.SENDING, sending.delivery());

        vm.apply(List.of(Events.echo("id1", "Bob", "hello", T0.plusSeconds(1))));

        assertEquals(1, messages().size(), "the echo replaces the bubble instead of adding one");
        assertEquals(Delivery.DELIVERED, messages().getLast().delivery());
    }

    @Test
    void messagesFromOnePersonWithinFiveMinutesFormOneRun() {
        vm.apply(List.of(Events.from("Alice", "one", T0), Events.from("Alice", "two", T0.plusSeconds(60)),
                Events.from("Alice", "three", T0.plusSeconds(60).plus(Duration.ofMinutes(5)).plusSeconds(1))));
        var m = messages();
        assertTrue(m.get(0).runFirst() && !m.get(0).runLast(), "first of the run: name, no avatar");
        assertTrue(!m.get(1).runFirst() && m.get(1).runLast(), "last of the run: avatar, no name");
        assertTrue(m.get(2).runFirst() && m.get(2).runLast(), "after five minutes a new run starts");
    }

    @Test
    void runContinuesAcrossBatchesByUpdatingThePreviousRow() {
        vm.apply(List.of(Events.from("Alice", "one", T0)));
        vm.apply(List.of(Events.from("Alice", "two", T0.plusSeconds(30))));
        var m = messages();
        assertFalse(m.get(0).runLast());
        assertFalse(m.get(1).runFirst());
    }

    @Test
    void anotherPersonBreaksTheRun() {
        vm.apply(List.of(Events.from("Alice", "one", T0), Events.from("Carol", "two", T0.plusSeconds(5)),
                Events.from("Alice", "three", T0.plusSeconds(10))));
        messages().forEach(m -> assertTrue(m.runFirst() && m.runLast()));
        assertTrue(messages().get(1).host(), "Carol's message is marked as the host's");
    }

    @Test
    void aDaySeparatorComesBeforeTheFirstRowOfEachDay() {
        vm.apply(List.of(Events.from("Alice", "late", T0), Events.from("Alice", "next day", T0.plus(Duration.ofDays(1)))));
        long days = vm.items().stream().filter(ChatItem.Day.class::isInstance).count();
        assertEquals(2, days);
        assertInstanceOf(ChatItem.Day.class, vm.items().getFirst());
    }

    @Test
    void joinsAndLeavesBecomeSystemRowsAndUpdateThePeople() {
        vm.apply(List.of(Events.joined("Dave", T0)));
        assertEquals(List.of("Dave joined"), infoTexts());
        vm.apply(List.of(Events.from("Dave", "hi", T0), Events.left("Alice", LeaveReason.TIMEOUT, T0)));
        assertEquals(List.of("Dave joined", "Alice left — stopped answering"), infoTexts());
        assertEquals(List.of("Carol", "Bob", "Dave"), vm.people().stream().map(Person::nick).toList());
        assertEquals("People · 3 online", vm.peopleTitleProperty().get());
    }

    @Test
    void typingLineShowsAndClearsOnStopMessageAndExpiry() {
        vm.apply(List.of(new ChatEvent.Typing("Alice", true)));
        assertEquals("Alice is typing…", vm.typingTextProperty().get());
        vm.apply(List.of(new ChatEvent.Typing("Alice", false)));
        assertEquals("", vm.typingTextProperty().get());

        vm.apply(List.of(new ChatEvent.Typing("Alice", true), new ChatEvent.Typing("Carol", true)));
        assertEquals("Alice and Carol are typing…", vm.typingTextProperty().get());
        vm.apply(List.of(Events.from("Alice", "done", T0)));
        assertEquals("Carol is typing…", vm.typingTextProperty().get());
        clock.advance(Duration.ofSeconds(7));
        vm.refresh(clock.instant());
        assertEquals("", vm.typingTextProperty().get());
    }

    @Test
    void typingInTheComposerTellsTheRoomAndSendingStopsIt() {
        vm.draftProperty().set("h");
        assertEquals(List.of(true), link.typing);
        vm.draftProperty().set("hi");
        vm.send();
        assertEquals(false, link.typing.getLast());
    }

    @Test
    void lostConnectionShowsACountdownBannerUntilReconnected() {
        vm.apply(List.of(new ChatEvent.Disconnected(new Problem.HostClosed(), T0.plusSeconds(4), 1)));
        assertEquals(ChatViewModel.ConnectionState.RECONNECTING, vm.stateProperty().get());
        assertEquals("Connection lost — reconnecting in 4\u00a0s…", vm.bannerProperty().get());
        clock.advance(Duration.ofSeconds(2));
        vm.refresh(clock.instant());
        assertEquals("Connection lost — reconnecting in 2\u00a0s…", vm.bannerProperty().get());
        vm.reconnectNow();
        assertEquals(1, link.reconnects);

        var reconnected = new ChatEvent.Connected("Team room", "Bob", Events.welcome("Bob").users(), true, false, false);
        vm.apply(List.of(new ChatEvent.Reconnecting(1), reconnected));
        assertEquals("", vm.bannerProperty().get());
        assertEquals(ChatViewModel.ConnectionState.CONNECTED, vm.stateProperty().get());
        assertEquals(List.of("Connection lost. The host closed the connection.", "Reconnected"), infoTexts());
    }

    @Test
    void reconnectingToARestartedHostSaysSoInsteadOfWarningAboutLostMessages() {
        vm.apply(List.of(new ChatEvent.Disconnected(new Problem.HostSilent(), T0.plusSeconds(1), 1),
                new ChatEvent.Connected("Team room", "Bob", List.of(), true, false, true)));
        assertEquals(List.of("Connection lost. The host stopped answering.", "Reconnected — the host restarted the chat"), infoTexts());
    }

    @Test
    void messageSentWhileDisconnectedStaysSendingAndIsDeliveredOnceAfterReconnect() {
        vm.apply(List.of(new ChatEvent.Disconnected(new Problem.HostSilent(), T0.plusSeconds(1), 1)));
        vm.draftProperty().set("queued");
        assertTrue(vm.send());
        assertEquals(Delivery.SENDING, messages().getLast().delivery());
        vm.apply(List.of(new ChatEvent.Connected("Team room", "Bob", List.of(), true, false, false),
                Events.echo("id1", "Bob", "queued", T0.plusSeconds(2))));
        assertEquals(1, messages().size());
        assertEquals(Delivery.DELIVERED, messages().getFirst().delivery());
    }

    @Test
    void hostEndingTheChatEndsItAndSaysSo() {
        vm.apply(List.of(new ChatEvent.Ended(ChatEvent.EndReason.HOST_ENDED, null)));
        assertEquals(ChatViewModel.ConnectionState.ENDED, vm.stateProperty().get());
        assertEquals("The host ended the chat.", vm.endedTextProperty().get());
        assertTrue(infoTexts().contains("The host ended the chat."));
        vm.draftProperty().set("too late");
        assertFalse(vm.send());
    }

    @Test
    void refusedMessageIsMarkedFailedAndRetrySendsItAgain() {
        vm.draftProperty().set("bad");
        vm.send();
        vm.apply(List.of(new ChatEvent.SendFailed("id1", "Not allowed.")));
        Message failed = messages().getLast();
        assertEquals(Delivery.FAILED, failed.delivery());
        assertEquals("Not allowed.", failed.failure());
        vm.retry(failed);
        assertEquals(List.of("bad", "bad"), link.sent);
        assertEquals(Delivery.SENDING, messages().getLast().delivery());
        assertEquals("id2", messages().getLast().localId());
    }

    @Test
    void messagesInTheBackgroundCountAsUnreadAndNotifyOncePerBurst() {
        vm.windowFocusedProperty().set(false);
        vm.apply(List.of(Events.from("Alice", "one", T0), Events.from("Alice", "two", T0)));
        clock.advance(Duration.ofSeconds(2));
        vm.apply(List.of(Events.from("Alice", "three", T0)));
        assertEquals(3, vm.unreadProperty().get());
        assertEquals("(3) Team room — Parley", vm.titleProperty().get());
        assertEquals(List.of("2 new messages in Team room|Alice: two"), notifications);
        clock.advance(Duration.ofSeconds(30));
        vm.apply(List.of(Events.from("Carol", "one alone", T0)));
        assertEquals("Carol in Team room|one alone", notifications.getLast(), "sender and room, even for one");

        clock.advance(Duration.ofSeconds(30));
        vm.apply(List.of(Events.from("Carol", "later", T0)));
        assertEquals(3, notifications.size(), "a pause starts a new burst");

        vm.windowFocusedProperty().set(true);
        assertEquals(0, vm.unreadProperty().get());
        assertEquals("Team room — Parley", vm.titleProperty().get());
    }

    @Test
    void counterAppearsNearTheLimitAndTooLongCannotBeSent() {
        vm.draftProperty().set("x".repeat(100));
        assertEquals("", vm.counterTextProperty().get());
        vm.draftProperty().set("x".repeat(3_600));
        assertEquals("3,600 / 4,000", vm.counterTextProperty().get());
        vm.draftProperty().set("x".repeat(4_001));
        assertTrue(vm.overLimitProperty().get());
        assertFalse(vm.canSendProperty().getValue());
        assertFalse(vm.send());
        assertTrue(link.sent.isEmpty());
    }

    @Test
    void blankDraftCannotBeSent() {
        vm.draftProperty().set("   \n ");
        assertFalse(vm.send());
    }

    @Test
    void aDraftOverTheLimitSaysSoAndCanGoAsSeveralMessagesInOrder() {
        String paragraph = "word ".repeat(700).strip() + ".";
        vm.draftProperty().set(paragraph + "\n\n" + paragraph);
        assertTrue(vm.overLimitProperty().get());
        assertEquals("This is longer than one message can be (4,000 characters). It can go as 2 messages, "
                + "split between paragraphs or sentences.", vm.splitTextProperty().get());
        assertEquals("Send as 2 messages", vm.splitActionProperty().get());
        assertTrue(vm.sendSplit());
        assertEquals(List.of(paragraph, paragraph), link.sent);
        assertEquals(2, messages().size());
        assertEquals("", vm.draftProperty().get());
        assertEquals("", vm.splitTextProperty().get(), "nothing left to split");
        vm.draftProperty().set("short");
        assertFalse(vm.sendSplit(), "a draft that fits is sent the usual way");
    }

    @Test
    void consecutiveJoinsAndLeavesCollapseIntoOneRowThatListsEveryChange() {
        List<ChatEvent> events = new ArrayList<>();
        for (String n : List.of("Ann", "Ben", "Cid", "Dee", "Eli", "Fay")) {
            events.add(Events.joined(n, T0));
            events.add(Events.left(n, LeaveReason.QUIT, T0.plusSeconds(1)));
        }
        vm.apply(events.subList(0, 4));
        assertEquals(List.of("Ann and Ben joined and left"), infoTexts());
        vm.apply(events.subList(4, 12));
        assertEquals(List.of("Ann, Ben and 4 others joined and left"), infoTexts(), "six pairs, one row");
        ChatItem.Info row = (ChatItem.Info) vm.items().getLast();
        assertEquals(12, row.details().size());
        assertEquals("Ann joined", row.details().getFirst());
        assertEquals("Fay left", row.details().getLast());

        vm.apply(List.of(Events.from("Alice", "a message ends the run", T0.plusSeconds(2)),
                Events.joined("Gus", T0.plusSeconds(3)), Events.joined("Hal", T0.plusSeconds(3)),
                Events.joined("Ivy", T0.plusSeconds(3)), Events.left("Alice", LeaveReason.TIMEOUT, T0.plusSeconds(4))));
        assertEquals("Gus, Hal and Ivy joined · Alice left", infoTexts().getLast());
    }

    @Test
    void aMessageTypedWhileDisconnectedIsDrawnWhereItWasDeliveredAndKeepsItsSendingTime() {
        vm.apply(List.of(new ChatEvent.Disconnected(new Problem.HostSilent(), T0.plusSeconds(1), 1)));
        vm.draftProperty().set("typed while away");
        vm.send();
        Instant sent = messages().getLast().time();
        clock.advance(Duration.ofMinutes(3));
        vm.apply(List.of(new ChatEvent.Connected("Team room", "Bob", List.of(), true, false, true),
                Events.echo("id1", "Bob", "typed while away", T0.plus(Duration.ofMinutes(3)))));
        List<String> order = vm.items().stream().map(i -> switch (i) {
            case Message m -> m.text();
            case ChatItem.Info info -> info.text();
            case ChatItem.File f -> "file " + f.entry().name();
            case ChatItem.Day d -> "day";
        }).toList();
        assertEquals(List.of("day", "Connection lost. The host stopped answering.", "Reconnected — the host restarted the chat",
                "typed while away"), order, "the message comes after the reconnect that delivered it");
        Message delivered = messages().getLast();
        assertEquals(Delivery.DELIVERED, delivered.delivery());
        assertEquals(T0.plus(Duration.ofMinutes(3)), delivered.time(), "the host's time is shown");
        assertEquals(sent, delivered.sentAt(), "and the time it was sent is kept for its tooltip");
        assertEquals(1, messages().size());
    }

    @Test
    void aMessageDeliveredAtOnceStaysInPlaceWithOneTime() {
        vm.draftProperty().set("one");
        vm.send();
        vm.draftProperty().set("two");
        vm.send();
        vm.apply(List.of(Events.echo("id1", "Bob", "one", T0.plusSeconds(1))));
        assertEquals(List.of("one", "two"), messages().stream().map(Message::text).toList());
        assertEquals(null, messages().getFirst().sentAt());
    }
}
