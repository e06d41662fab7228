package dev.parley.client;

import dev.parley.files.TransferFailure;
import dev.parley.protocol.Frame;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Offers of files (extension {@code files}) this client made and has no answer for. Each is sent when
 * the client is connected and again after every reconnect: the host answers the same offer with the
 * same token, so resending is safe. Its future completes with {@code offer_ok}, or fails with a
 * {@link TransferFailure} ({@link TransferFailure.Kind#REFUSED} with the host's code, or
 * {@link TransferFailure.Kind#BROKEN} when the chat ended first). The ids offered are remembered until
 * their {@code file} event arrives, so the client knows its own files. Thread-safe.
 */
final class PendingOffers {
    private record Entry(Frame.Offer offer, CompletableFuture<Frame.OfferOk> answer) {
    }

    private final Map<String, Entry> waiting = new LinkedHashMap<>();
    private final Set<String> mine = new HashSet<>();

    /** Adds an offer; the same id again while unanswered shares the first one's future. */
    synchronized CompletableFuture<Frame.OfferOk> add(Frame.Offer offer) {
        mine.add(offer.id());
        Entry entry = waiting.get(offer.id());
        if (entry == null || !entry.offer().equals(offer)) {
            entry = new Entry(offer, new CompletableFuture<>());
            waiting.put(offer.id(), entry);
        }
        return entry.answer();
    }

    /** The offers still waiting for an answer, oldest first (to send after a reconnect). */
    synchronized List<Frame.Offer> unanswered() {
        List<Frame.Offer> all = new ArrayList<>(waiting.size());
        waiting.values().forEach(e -> all.add(e.offer()));
        return all;
    }

    /** The unanswered offer with this id, or {@code null}. */
    synchronized Frame.Offer get(String id) {
        Entry e = id == null ? null : waiting.get(id);
        return e == null ? null : e.offer();
    }

    /** The host accepted an offer. */
    void accepted(Frame.OfferOk ok) {
        Entry e;
        synchronized (this) {
            e = ok.ref() == null ? null : waiting.remove(ok.ref());
        }
        if (e != null) {
            e.answer().complete(ok);
        }
    }

    /** The host refused the offer {@code error.ref()}; {@code false} when it is not one of these. */
    boolean refused(Frame.Error error) {
        Entry e;
        synchronized (this) {
            e = error.ref() == null ? null : waiting.remove(error.ref());
            if (e != null) {
                mine.remove(error.ref());
            }
        }
        if (e == null) {
            return false;
        }
        long retry = error.retry() == null ? 0 : Math.max(0, error.retry());
        e.answer().completeExceptionally(new TransferFailure(TransferFailure.Kind.REFUSED, error.code(),
                error.message(), null, retry));
        return true;
    }

    /** Whether this client offered the file with this id (its {@code file} event is then its own). */
    synchronized boolean offered(String id) {
        return mine.remove(id);
    }

    /** Fails every waiting offer (the chat ended, or the host does not take files any more). */
    void failAll(TransferFailure why) {
        List<Entry> all;
        synchronized (this) {
            all = new ArrayList<>(waiting.values());
            waiting.clear();
        }
        all.forEach(e -> e.answer().completeExceptionally(why));
    }
}
