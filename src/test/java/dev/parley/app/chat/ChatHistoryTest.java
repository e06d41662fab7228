package dev.parley.app.chat;

import dev.parley.client.ChatEvent;
import dev.parley.protocol.Frame;
import dev.parley.protocol.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat's history beyond the replay, on the view model alone: older pages go in above, a jump to
 * an old search hit loads its context above a gap, and filling the gap joins it to the rest, with
 * every event shown once, in seq order.
 */
@Timeout(30)
class ChatHistoryTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private final ResourceBundle bundle = ResourceBundle.getBundle("dev.parley.app.messages", Locale.ENGLISH);
    private final FakeLink link = new FakeLink();
    private final ChatViewModel vm = new ChatViewModel(link, "10.0.0.5:7770", false, bundle,
            new MutableClock(T0, ZoneOffset.UTC), (t, x) -> { });

    private static Frame.Msg msg(long seq) {
        return new Frame.Msg(seq, "m" + seq, seq % 2 == 0 ? "Ann" : "Ben", Role.GUEST,
                seq == 42 ? "the otter is back" : "message " + seq, T0.plusSeconds(seq).toString());
    }

    /** A room of 1,000 messages whose latest 50 were replayed on join. */
    private void joinedLate() {
        for (long seq = 1; seq <= 1_000; seq++) {
            link.stored.add(msg(seq));
        }
        link.historyGranted = true;
        List<ChatEvent> live = new ArrayList<>();
        live.add(new ChatEvent.Connected("Team room", "Cat", List.of(new Frame.User("Cat", Role.GUEST)), false, false,
                false, "room-1", java.util.Map.of("history", 1, "search", 1)));
        for (long seq = 951; seq <= 1_000; seq++) {
            live.add(new ChatEvent.Message(msg(seq), false));
        }
        vm.apply(live);
    }

    private List<Long> shownSeqs() {
        return vm.items().stream().filter(ChatItem.Message.class::isInstance).map(i -> ((ChatItem.Message) i).seq())
                .toList();
    }

    @Test
    void reachingTheTopPagesOlderMessagesInAboveUntilTheFirst() {
        joinedLate();
        vm.history().olderWanted();
        assertThat(link.requests).containsExactly("before 951");
        assertThat(shownSeqs()).hasSize(150).startsWith(851L).endsWith(1_000L).isSorted();
        for (int i = 0; i < 20; i++) {
            vm.history().olderWanted();
        }
        assertThat(shownSeqs()).hasSize(1_000).startsWith(1L).isSorted().doesNotHaveDuplicates();
        assertThat(vm.history().reachedStart()).isTrue();
        int asked = link.requests.size();
        vm.history().olderWanted();
        assertThat(link.requests).as("nothing more to ask for").hasSize(asked);
        assertThat(vm.items().stream().filter(ChatItem.Day.class::isInstance)).as("one day, one separator").hasSize(1);
    }

    @Test
    void aJumpToAnOldHitLoadsItsContextAboveAGapThatFillsWhenClicked() {
        joinedLate();
        List<Integer> shown = new ArrayList<>();
        vm.history().jumpTo(42, shown::add);
        assertThat(link.requests).containsExactly("around 42");
        assertThat(shown).singleElement().satisfies(at ->
                assertThat(((ChatItem.Message) vm.items().get(at)).text()).isEqualTo("the otter is back"));
        assertThat(vm.items()).filteredOn(i -> i instanceof ChatItem.Info info && info.kind() == ChatItem.InfoKind.GAP)
                .singleElement().satisfies(gap -> assertThat(((ChatItem.Info) gap).text()).contains("879"));

        for (int i = 0; i < 10; i++) {
            vm.history().gapWanted();
        }
        assertThat(vm.items()).noneMatch(i -> i instanceof ChatItem.Info info && info.kind() == ChatItem.InfoKind.GAP);
        assertThat(shownSeqs()).startsWith(12L).endsWith(1_000L).isSorted().doesNotHaveDuplicates()
                .hasSize(1_000 - 11);
        List<Integer> again = new ArrayList<>();
        vm.history().jumpTo(500, again::add);
        assertThat(again).as("loaded by now: shown at once").hasSize(1);
    }

    @Test
    void searchListsHitsNewestFirstWithWhereTheyMatched() {
        joinedLate();
        SearchViewModel search = vm.search();
        search.queryProperty().set("otter");
        search.search();
        assertThat(search.hits()).singleElement().satisfies(hit -> {
            assertThat(hit.seq()).isEqualTo(42);
            assertThat(hit.text().substring(hit.matches().getFirst().start(), hit.matches().getFirst().end()))
                    .isEqualTo("otter");
        });
        assertThat(search.statusProperty().get()).isEqualTo("One message");
        search.queryProperty().set("nothing like this");
        search.search();
        assertThat(search.hits()).isEmpty();
        assertThat(search.statusProperty().get()).isEqualTo(bundle.getString("chat.search.none"));
    }

    @Test
    void aHostWithoutTheExtensionIsNeverAskedAndSaysSo() {
        joinedLate();
        link.historyGranted = false;
        vm.history().olderWanted();
        vm.search().queryProperty().set("otter");
        vm.search().search();
        assertThat(link.requests).isEmpty();
        assertThat(vm.search().statusProperty().get()).isEqualTo(bundle.getString("chat.search.unavailable"));
    }
}
