package dev.parley.app.chat;

import dev.parley.client.RequestFailed;
import dev.parley.protocol.Extensions;
import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.Timestamps;
import dev.parley.server.RoomServer;
import dev.parley.store.ExportFormat;
import dev.parley.store.ExportMonitor;
import dev.parley.store.ExportResult;
import dev.parley.store.ExportWriter;
import dev.parley.store.StoreException;
import dev.parley.store.StoredEvent;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes a chat's history to a file, as readable HTML or as JSON Lines. A host exports from its own
 * database: every event kept, from one consistent snapshot. A guest exports what the host lets it
 * page through with the {@code history} extension, which is the whole history too, only slower (the
 * host limits how fast a guest pages); a guest of a host without the extension exports nothing.
 * Blocks the calling thread: the window runs it as a background task. No JavaFX.
 */
public final class ChatExporter {
    /** Events asked for per page while a guest exports. */
    static final int PAGE = Extensions.MAX_PAGE;
    private static final Duration ANSWER_WAIT = Duration.ofSeconds(30);
    private static final Duration BUSY_WAIT = Duration.ofMillis(500);

    private final ChatLink link;
    private final RoomServer server;
    private final FrameCodec codec = new FrameCodec();

    /** @param server the room this app hosts, or {@code null} for a guest */
    public ChatExporter(ChatLink link, RoomServer server) {
        this.link = link;
        this.server = server;
    }

    /** Whether there is anything to export from: a host's database, or a host that pages history to guests. */
    public boolean available() {
        return server != null ? server.keepsHistory() || link.granted(Extensions.HISTORY) : link.granted(Extensions.HISTORY);
    }

    /**
     * @param newestSeq the newest seq this window has seen (for a guest's progress), 0 if unknown
     * @throws IOException the file could not be written, or the host stopped answering
     */
    public ExportResult export(Path target, ExportFormat format, ExportMonitor monitor, long newestSeq)
            throws IOException, StoreException {
        if (server != null && server.keepsHistory()) {
            return server.export(format, target, monitor);
        }
        var source = new Paging(monitor);
        return ExportWriter.toFile(format, target, Math.max(newestSeq, -1), source, monitor);
    }

    /** A guest's source: pages after the last event written, until the host says there are no more. */
    private final class Paging implements ExportWriter.Source {
        private final ExportMonitor monitor;
        private long after;
        private boolean done;

        Paging(ExportMonitor monitor) {
            this.monitor = monitor;
        }

        @Override
        public List<StoredEvent> next() throws IOException {
            while (!done && !monitor.isCancelled()) {
                Frame.Page page;
                try {
                    page = link.history(null, after, null, PAGE).get(ANSWER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RequestFailed f && f.reason() == RequestFailed.Reason.BUSY) {
                        pause();
                        continue;
                    }
                    throw new IOException("the host did not send the history: " + e.getCause().getMessage(), e);
                } catch (TimeoutException e) {
                    throw new IOException("the host did not answer for " + ANSWER_WAIT.toSeconds() + " s", e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("the export was stopped", e);
                }
                done = !page.moreAfter() || page.events().isEmpty();
                List<StoredEvent> events = new ArrayList<>(page.events().size());
                for (Frame.RoomEvent e : page.events()) {
                    events.add(stored(e));
                    after = Math.max(after, e.seq());
                }
                return events;
            }
            return List.of();
        }

        private void pause() throws IOException {
            try {
                // The host asked this guest to page more slowly (rate_limited): wait, on the export's own thread.
                Thread.sleep(BUSY_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("the export was stopped", e);
            }
        }
    }

    private StoredEvent stored(Frame.RoomEvent e) {
        Instant time = Timestamps.parse(e.ts());
        return new StoredEvent(e.seq(), e.type(), time != null ? time : Instant.EPOCH, codec.encode(e), null, null,
                e instanceof Frame.Msg m ? m.text() : null);
    }
}
