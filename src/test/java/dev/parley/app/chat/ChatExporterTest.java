package dev.parley.app.chat;

import dev.parley.server.RoomServer;
import dev.parley.store.ExportFormat;
import dev.parley.store.ExportMonitor;
import dev.parley.store.ExportResult;
import dev.parley.testing.Participant;
import dev.parley.testing.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Export chat…" without the window: the host writes from its database, a guest pages the whole
 * history in from the host; both give every event, and a cancelled export leaves no file.
 */
@Timeout(90)
class ChatExporterTest {
    @TempDir
    Path temp;

    private RoomServer hostWithHistory(int messages) throws Exception {
        var c = TestServers.config().withLimits(1_000, 0, 1, 1_000, 4 * 1024 * 1024);
        RoomServer server = TestServers.start(c.withLog(c.log().inFolder(temp.resolve("data"))));
        try (var alice = Participant.join(server.port(), "alice")) {
            for (int i = 0; i < messages; i++) {
                alice.client().send("message " + i + (i == 7 ? " <b>not bold</b>" : ""));
            }
            alice.awaitText("message " + (messages - 1));
        }
        return server;
    }

    @Test
    void theHostExportsEveryEventFromItsDatabase() throws Exception {
        RoomServer server = hostWithHistory(300);
        try (var host = Participant.join(server.port(), "carol")) {
            var session = new ChatSession(host.client(), server, "here");
            Path html = temp.resolve("room.html");
            var result = new ChatExporter(session, server).export(html, new ExportFormat.Html("Team room",
                    ZoneOffset.UTC, Locale.ENGLISH, ExportFormat.HtmlLabels.english()), ExportMonitor.NONE, 0);
            assertThat(result).isEqualTo(ExportResult.COMPLETE);
            String page = Files.readString(html, StandardCharsets.UTF_8);
            assertThat(page).contains("message 299", "&lt;b&gt;not bold&lt;/b&gt;").doesNotContain("<b>not bold");
        } finally {
            server.close();
        }
    }

    @Test
    void aGuestExportsTheWholeHistoryPageByPage() throws Exception {
        RoomServer server = hostWithHistory(450);
        try (var guest = Participant.join(server.port(), "dave")) {
            guest.awaitEvent(dev.parley.client.ChatEvent.Connected.class);
            var session = new ChatSession(guest.client(), null, "there");
            Path lines = temp.resolve("room.jsonl");
            var progress = new AtomicLong();
            var monitor = new ExportMonitor() {
                @Override
                public void progress(long done, long total) {
                    progress.set(done);
                }

                @Override
                public boolean isCancelled() {
                    return false;
                }
            };
            var result = new ChatExporter(session, null).export(lines, new ExportFormat.JsonLines(), monitor, 453);
            assertThat(result).isEqualTo(ExportResult.COMPLETE);
            List<String> written = Files.readAllLines(lines, StandardCharsets.UTF_8);
            assertThat(written.stream().filter(l -> l.startsWith("{\"type\":\"msg\""))).hasSize(450);
            assertThat(written).as("alice's join and leave, dave's join: every event").hasSizeGreaterThanOrEqualTo(452);
            assertThat(progress.get()).isEqualTo(written.size());
        } finally {
            server.close();
        }
    }

    @Test
    void aCancelledExportLeavesNoFile() throws Exception {
        RoomServer server = hostWithHistory(50);
        try (var guest = Participant.join(server.port(), "dave")) {
            guest.awaitEvent(dev.parley.client.ChatEvent.Connected.class);
            Path lines = temp.resolve("cancelled.jsonl");
            var cancelled = new ExportMonitor() {
                @Override
                public void progress(long done, long total) {
                }

                @Override
                public boolean isCancelled() {
                    return true;
                }
            };
            var result = new ChatExporter(new ChatSession(guest.client(), null, "there"), null)
                    .export(lines, new ExportFormat.JsonLines(), cancelled, 50);
            assertThat(result).isEqualTo(ExportResult.CANCELLED);
            assertThat(lines).doesNotExist();
            assertThat(temp.resolve("cancelled.jsonl.part")).doesNotExist();
        } finally {
            server.close();
        }
    }
}
