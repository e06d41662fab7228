package dev.parley.store;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Streams the whole history out, page by page, on its own connection and the caller's thread,
 * inside one read transaction: the events and their total are one consistent snapshot while the
 * room keeps writing. Memory stays at one page whatever the room's size.
 */
final class HistoryExport {
    private static final int PAGE = 1_000;

    private HistoryExport() {
    }

    /** Writes to a {@code .part} file beside the target and moves it into place only when complete. */
    static ExportResult toFile(DatabaseFiles files, ExportFormat format, Path target, ExportMonitor monitor)
            throws IOException, StoreException {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        ExportResult result;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(part))) {
            result = toStream(files, format, out, monitor);
        } catch (IOException | StoreException | RuntimeException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        if (result == ExportResult.CANCELLED) {
            Files.deleteIfExists(part);
        } else {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return result;
    }

    static ExportResult toStream(DatabaseFiles files, ExportFormat format, OutputStream out, ExportMonitor monitor)
            throws IOException, StoreException {
        EventSink sink = switch (format) {
            case ExportFormat.JsonLines j -> new JsonLinesSink(out);
            case ExportFormat.Html html -> new HtmlSink(out, html);
        };
        try (Connection c = Sqlite.openReader(files)) {
            c.setAutoCommit(false);
            long total;
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM events"); ResultSet r = s.executeQuery()) {
                r.next();
                total = r.getLong(1);
            }
            sink.begin(total);
            monitor.progress(0, total);
            long done = 0;
            long cursor = 0;
            while (true) {
                if (monitor.isCancelled()) {
                    return ExportResult.CANCELLED;
                }
                HistoryPage page = RoomReads.after(c, cursor, PAGE);
                for (StoredEvent event : page.events()) {
                    sink.event(event);
                }
                done += page.events().size();
                monitor.progress(done, total);
                if (!page.moreAfter() || page.events().isEmpty() || done >= total) {
                    break;
                }
                cursor = page.events().getLast().seq();
            }
            sink.end();
            c.rollback();
            return ExportResult.COMPLETE;
        } catch (SQLException e) {
            throw new StoreException("The history could not be read for the export.", e);
        }
    }
}
