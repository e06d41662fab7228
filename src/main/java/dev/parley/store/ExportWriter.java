package dev.parley.store;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes an export from events that come from somewhere else than a room's own database: a guest
 * exports what it pages in from the host. The same HTML and JSON Lines as {@link RoomStore#export},
 * through a {@code .part} file moved into place only when complete. Blocks the calling thread.
 */
public final class ExportWriter {

    /** Events to export, oldest first, one page at a time. */
    @FunctionalInterface
    public interface Source {
        /** The next page; empty at the end. May block (it is called on the exporting thread). */
        List<StoredEvent> next() throws IOException;
    }

    private ExportWriter() {
    }

    /**
     * @param total how many events the source will give (for progress), or -1 when unknown
     */
    public static ExportResult toFile(ExportFormat format, Path target, long total, Source source, ExportMonitor monitor)
            throws IOException {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        ExportResult result;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(part))) {
            result = write(format, out, total, source, monitor);
        } catch (IOException | RuntimeException e) {
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

    private static ExportResult write(ExportFormat format, OutputStream out, long total, Source source,
                                      ExportMonitor monitor) throws IOException {
        EventSink sink = switch (format) {
            case ExportFormat.JsonLines j -> new JsonLinesSink(out);
            case ExportFormat.Html html -> new HtmlSink(out, html);
        };
        sink.begin(Math.max(total, 0));
        long done = 0;
        monitor.progress(0, total);
        while (true) {
            if (monitor.isCancelled()) {
                return ExportResult.CANCELLED;
            }
            List<StoredEvent> page = source.next();
            if (page.isEmpty()) {
                break;
            }
            for (StoredEvent e : page) {
                sink.event(e);
            }
            done += page.size();
            monitor.progress(done, Math.max(total, done));
        }
        sink.end();
        return ExportResult.COMPLETE;
    }
}
