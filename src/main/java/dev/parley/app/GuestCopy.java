package dev.parley.app;

import dev.parley.client.ChatEvent;
import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import dev.parley.store.Admission;
import dev.parley.store.GuestHistory;
import dev.parley.store.GuestStore;
import dev.parley.store.SeenEvent;
import dev.parley.store.StoreException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * What this app keeps of the rooms it joined as a guest ({@link GuestStore}, in the app's data
 * folder), so that joining again shows the conversation at once and resumes with {@code since}
 * from the last event seen. Rooms are kept by the address they were joined at. Without a copy (a
 * second app on the same folder, a test) everything here does nothing.
 *
 * <p>Threads: {@link #recall} returns a future (block on it only off the FX thread); the recorder is
 * called on the event pump's thread and never blocks; {@link #close} blocks (at exit).
 */
public final class GuestCopy implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.parley.app");
    /** Events shown from the copy when a room is joined again. */
    static final int SHOWN = 500;

    private final CompletableFuture<GuestStore> store;
    private final FrameCodec codec = new FrameCodec();

    private GuestCopy(CompletableFuture<GuestStore> store) {
        this.store = store;
    }

    /** No copy: nothing is remembered or recalled. */
    public static GuestCopy none() {
        return new GuestCopy(CompletableFuture.completedFuture(null));
    }

    /**
     * Opens the copy in {@code data}'s {@code guest} folder on {@code background} (the data folder is
     * made owner-only first); until then and if it fails, nothing is kept.
     */
    public static GuestCopy in(dev.parley.tls.DataFolder data, Executor background) {
        return new GuestCopy(CompletableFuture.supplyAsync(() -> {
            try {
                return GuestStore.open(data.create().resolve("guest"));
            } catch (java.io.IOException e) {
                LOG.log(System.Logger.Level.WARNING, "no copy of joined rooms this time: {0}", e.getMessage());
                return null;
            } catch (StoreException e) {
                LOG.log(System.Logger.Level.WARNING, "no copy of joined rooms this time: {0}", e.getMessage());
                return null;
            }
        }, background));
    }

    /** What was kept for the room joined at {@code address}; empty (last seq 0) when nothing was. */
    public CompletableFuture<GuestHistory> recall(String address) {
        return store.thenCompose(s -> s == null
                ? CompletableFuture.completedFuture(new GuestHistory(address, 0, List.of(), null, null))
                : s.load(address, SHOWN));
    }

    /** The recalled events as frames, oldest first (frames this version cannot read are left out). */
    public List<Frame.RoomEvent> frames(GuestHistory history) {
        List<Frame.RoomEvent> events = new ArrayList<>();
        for (SeenEvent e : history.events()) {
            byte[] f = e.frame();
            int length = f.length > 0 && f[f.length - 1] == '\n' ? f.length - 1 : f.length;
            try {
                if (codec.decode(f, 0, length) instanceof Frame.RoomEvent event) {
                    events.add(event);
                }
            } catch (dev.parley.protocol.ProtocolException ignored) {
                // A frame a newer Parley kept: nothing to show for it.
            }
        }
        return events;
    }

    /** A tap for the chat's event pump that keeps every room event of the room at {@code address}. */
    public Consumer<List<ChatEvent>> recorder(String address) {
        return new Consumer<>() {
            private String room = "";
            private String roomId;
            private boolean replace;

            @Override
            public void accept(List<ChatEvent> batch) {
                GuestStore s = store.getNow(null);
                if (s == null) {
                    return;
                }
                List<SeenEvent> seen = new ArrayList<>();
                for (ChatEvent event : batch) {
                    switch (event) {
                        case ChatEvent.Connected c -> {
                            flush(s, seen);
                            room = c.room();
                            roomId = c.roomId();
                            // Another room at this address now: what was kept belongs to the old one.
                            replace |= c.restarted();
                        }
                        case ChatEvent.Message m -> add(seen, m.msg());
                        case ChatEvent.Joined j -> add(seen, j.event());
                        case ChatEvent.Left l -> add(seen, l.event());
                        case ChatEvent.FileShared f -> add(seen, f.file());
                        default -> {
                        }
                    }
                }
                flush(s, seen);
            }

            private void add(List<SeenEvent> seen, Frame.RoomEvent e) {
                if (e.seq() > 0) {
                    seen.add(new SeenEvent(e.seq(), codec.encode(e)));
                }
            }

            private void flush(GuestStore s, List<SeenEvent> seen) {
                if (seen.isEmpty() && !replace) {
                    return;
                }
                Admission a = replace ? s.replace(address, room, roomId, seen) : s.remember(address, room, roomId, seen);
                if (a == Admission.ACCEPTED) {
                    replace = false;
                } else {
                    LOG.log(System.Logger.Level.DEBUG, "the copy of {0} skipped {1} events ({2})", address, seen.size(), a);
                }
                seen.clear();
            }
        };
    }

    @Override
    public void close() {
        GuestStore s = store.getNow(null);
        if (s == null && !store.isDone()) {
            s = store.join();
        }
        if (s != null) {
            s.close();
        }
    }
}
