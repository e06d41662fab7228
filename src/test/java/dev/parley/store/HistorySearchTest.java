package dev.parley.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import static dev.parley.store.StoreTesting.appendAll;
import static dev.parley.store.StoreTesting.msg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HistorySearchTest {
    @TempDir
    Path folder;

    private final ExecutorService loop = StoreTesting.loop();
    private RoomStore store;

    @BeforeEach
    void openStore() throws Exception {
        store = StoreTesting.open(folder, loop);
        appendAll(store, List.of(
                msg(1, "alice", "a1", "Lunch at the café on Friday?"),
                msg(2, "bob", "b1", "The otters are back in the river"),
                StoreTesting.joined(3, "carol"),
                msg(4, "carol", "c1", "I saw an otter today, a big otter"),
                msg(5, "alice", "a2", "He said \"near\" NEAR(otter river) and OR AND NOT * text:col ^start -x"),
                msg(6, "bob", "b2", "Emoji 🦦 before otter and after 🦦 otter"),
                msg(7, "bob", "b3", "control \u0001 marker \u0002 otter inside")));
    }

    @AfterEach
    void close() {
        store.close();
        loop.shutdownNow();
    }

    private SearchResults search(String words) throws Exception {
        return store.search(words, Long.MAX_VALUE, 50).get(10, TimeUnit.SECONDS);
    }

    private static List<String> matchedWords(SearchHit hit) {
        return hit.matches().stream().map(r -> hit.event().text().substring(r.start(), r.end())).toList();
    }

    @Test
    void findsMessagesWithEveryWordNewestFirst() throws Exception {
        SearchResults results = search("otter big ");
        assertThat(results.hits()).extracting(h -> h.event().seq()).containsExactly(4L);

        SearchResults all = search("otter ");
        assertThat(all.hits()).extracting(h -> h.event().seq()).containsExactly(7L, 6L, 5L, 4L);
        assertThat(all.more()).isFalse();
    }

    @Test
    void theLastWordMatchesAsAPrefixWhileItIsBeingTyped() throws Exception {
        assertThat(search("otter").hits()).extracting(h -> h.event().seq()).containsExactly(7L, 6L, 5L, 4L, 2L);
        assertThat(search("riv").hits()).extracting(h -> h.event().seq()).containsExactly(5L, 2L);
        assertThat(search("riv ").hits()).isEmpty();
    }

    @Test
    void accentsAndCaseDoNotMatter() throws Exception {
        assertThat(search("CAFE ").hits()).extracting(h -> h.event().seq()).containsExactly(1L);
        assertThat(search("café friday").hits()).extracting(h -> h.event().seq()).containsExactly(1L);
    }

    @Test
    void hostileInputIsOnlyEverText() throws Exception {
        for (String hostile : List.of("\"", "\"\"", "\"near", "*", "otter*", "NEAR(", "NEAR(otter river)", "AND",
                "OR otter", "NOT", "text:col", "^start", "-x", "(", ")", "{a b}:c", "'; DROP TABLE events; --",
                "a\u0000b", "\\", "+", "otter\" OR \"lunch", "🦦", "  ", "")) {
            assertThat(store.search(hostile, Long.MAX_VALUE, 50))
                    .as("search for <%s>", hostile).succeedsWithin(10, TimeUnit.SECONDS);
        }
        // Operators are words: NEAR( and AND find the message that says them, not an expression.
        assertThat(search("NEAR(").hits()).extracting(h -> h.event().seq()).containsExactly(5L);
        assertThat(search("AND NOT ").hits()).extracting(h -> h.event().seq()).containsExactly(5L);
        assertThat(search("otter\" OR \"lunch").hits()).isEmpty();
        assertThat(search("'; DROP TABLE events; --").hits()).isEmpty();
        assertThat(StoreTesting.readAll(store)).hasSize(7);
    }

    @Test
    void rangesPointAtTheMatchedWordsInTheOriginalText() throws Exception {
        SearchHit hit = search("otter ").hits().stream().filter(h -> h.event().seq() == 4).findFirst().orElseThrow();
        assertThat(matchedWords(hit)).containsExactly("otter", "otter");
        assertThat(hit.matches()).extracting(TextRange::start).containsExactly(9, 28);

        // Offsets are String indices: a surrogate pair before the word counts as two.
        SearchHit emoji = search("otter ").hits().stream().filter(h -> h.event().seq() == 6).findFirst().orElseThrow();
        assertThat(matchedWords(emoji)).containsExactly("otter", "otter");

        SearchHit prefix = search("caf").hits().getFirst();
        assertThat(matchedWords(prefix)).containsExactly("café");

        // A text holding the marker characters themselves still gets the right ranges.
        SearchHit marked = search("marker otter ").hits().getFirst();
        assertThat(marked.event().seq()).isEqualTo(7);
        assertThat(matchedWords(marked)).containsExactly("marker", "otter");
    }

    @Test
    void resultsAreBoundedAndPageOlderWithBeforeSeq() throws Exception {
        List<StoredEvent> many = new ArrayList<>();
        for (long seq = 8; seq < 8 + 120; seq++) {
            many.add(msg(seq, "dave", "d" + seq, "beaver number " + seq));
        }
        appendAll(store, many);
        SearchResults first = store.search("beaver", Long.MAX_VALUE, 1_000).get(10, TimeUnit.SECONDS);
        assertThat(first.hits()).hasSize(RoomStore.MAX_SEARCH_RESULTS);
        assertThat(first.more()).isTrue();
        assertThat(first.hits().getFirst().event().seq()).isEqualTo(127);

        long oldestShown = first.hits().getLast().event().seq();
        SearchResults next = store.search("beaver", oldestShown, 50).get(10, TimeUnit.SECONDS);
        assertThat(next.hits().getFirst().event().seq()).isEqualTo(oldestShown - 1);

        SearchResults few = store.search("beaver", Long.MAX_VALUE, 5).get(10, TimeUnit.SECONDS);
        assertThat(few.hits()).hasSize(5);

        assertThatThrownBy(() -> store.search("x".repeat(RoomStore.MAX_SEARCH_LENGTH + 1), Long.MAX_VALUE, 10))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
