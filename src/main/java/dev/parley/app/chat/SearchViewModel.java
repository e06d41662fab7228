package dev.parley.app.chat;

import dev.parley.client.RequestFailed;
import dev.parley.protocol.Extensions;
import dev.parley.protocol.Frame;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.text.MessageFormat;
import java.time.Instant;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The search panel (Ctrl+F): the words typed, the hits the host found (extension {@code search}),
 * newest first with where the words matched, and a sentence saying how it went. More hits page in
 * on request. FX thread only; answers come back through the FX executor.
 */
public final class SearchViewModel {
    /** Hits asked for at a time. */
    static final int PAGE = 30;

    /** One message found: who, when, what, and where in the text the words matched. */
    public record Hit(long seq, String sender, Instant time, String text, List<Frame.Range> matches) {
    }

    private final ChatLink link;
    private final ResourceBundle bundle;
    private final Executor fx;
    private final StringProperty query = new SimpleStringProperty(this, "query", "");
    private final ObservableList<Hit> hits = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper more = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper searching = new ReadOnlyBooleanWrapper(false);
    /** Counts searches, so that an answer to an older one is dropped. */
    private long generation;
    private String searched = "";

    public SearchViewModel(ChatLink link, ResourceBundle bundle, Executor fx) {
        this.link = link;
        this.bundle = bundle;
        this.fx = fx;
    }

    /** Whether this room's host can search its history. */
    public boolean available() {
        return link.granted(Extensions.SEARCH);
    }

    /** Searches for what {@link #queryProperty()} holds now; a new search replaces the hits. */
    public void search() {
        String words = query.get().strip();
        generation++;
        hits.clear();
        more.set(false);
        searched = words;
        if (words.isEmpty()) {
            status.set("");
            return;
        }
        if (!available()) {
            status.set(bundle.getString("chat.search.unavailable"));
            return;
        }
        if (words.length() > Extensions.MAX_SEARCH) {
            status.set(MessageFormat.format(bundle.getString("chat.search.tooLong"), Extensions.MAX_SEARCH));
            return;
        }
        ask(words, null);
    }

    /** Asks for the next, older hits of the same search. */
    public void loadMore() {
        if (!more.get() || searching.get() || hits.isEmpty()) {
            return;
        }
        ask(searched, hits.getLast().seq());
    }

    private void ask(String words, Long before) {
        long mine = generation;
        searching.set(true);
        status.set(bundle.getString("chat.search.searching"));
        link.search(words, before, PAGE).whenCompleteAsync((found, error) -> {
            if (mine != generation) {
                return;
            }
            searching.set(false);
            if (error != null) {
                status.set(sentence(error));
                return;
            }
            for (Frame.Hit hit : found.hits()) {
                if (hit.event() instanceof Frame.Msg m) {
                    hits.add(new Hit(m.seq(), m.from(), HostTimes.parse(m.ts(), Instant.now()), m.text(), hit.match()));
                }
            }
            more.set(found.more());
            status.set(hits.isEmpty() ? bundle.getString("chat.search.none")
                    : MessageFormat.format(bundle.getString(found.more() ? "chat.search.countMore" : "chat.search.count"),
                    hits.size()));
        }, fx);
    }

    private String sentence(Throwable error) {
        Throwable cause = error instanceof CompletionException c && c.getCause() != null ? c.getCause() : error;
        if (cause instanceof RequestFailed failed) {
            return bundle.getString(switch (failed.reason()) {
                case BUSY -> "chat.search.busy";
                case INVALID -> "chat.search.invalid";
                case UNAVAILABLE -> "chat.search.unavailable";
                case LOST -> "chat.search.lost";
            });
        }
        return bundle.getString("chat.search.lost");
    }

    public StringProperty queryProperty() {
        return query;
    }

    public ObservableList<Hit> hits() {
        return hits;
    }

    /** "Searching…", "12 messages", "Nothing found", or why it did not work; empty before a search. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Whether older hits can be asked for. */
    public ReadOnlyBooleanProperty moreProperty() {
        return more.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty searchingProperty() {
        return searching.getReadOnlyProperty();
    }
}
