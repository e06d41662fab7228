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
        vm.apply(List.of(Events.joined("Dave", T0), Events.left("Alice", LeaveReason.TIMEOUT, T0)));
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
        assertEquals("Connection lost — reconnecting in 4 s…", vm.bannerProperty().get());
        clock.advance(Duration.ofSeconds(2));
        vm.refresh(clock.instant());
        assertEquals("Connection lost — reconnecting in 2 s…", vm.bannerProperty().get());
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
        vm.apply(List.of(Events.from("Carol", "later", T0)));
        assertEquals(2, notifications.size(), "a pause starts a new burst");

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
}
