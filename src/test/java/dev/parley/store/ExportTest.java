package dev.parley.store;

import dev.parley.protocol.Frame;
import dev.parley.protocol.Role;
import dev.parley.protocol.Timestamps;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import static dev.parley.store.StoreTesting.appendAll;
import static dev.parley.store.StoreTesting.messages;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ExportTest {
    private static final ExportFormat.Html HTML = new ExportFormat.Html("Team <room> & co", ZoneId.of("Europe/Berlin"),
            Locale.ENGLISH, ExportFormat.HtmlLabels.english());

    @TempDir
    Path folder;

    private final ExecutorService loop = StoreTesting.loop();

    @AfterEach
    void stopLoop() {
        loop.shutdownNow();
    }

    @Test
    void jsonLinesAreTheFramesAsTheyWereOnTheWire() throws Exception {
        List<StoredEvent> sent = new ArrayList<>(messages(1, 2_345));
        sent.add(StoreTesting.joined(2_346, "carol"));
        sent.add(StoreTesting.left(2_347, "carol"));
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (StoredEvent e : sent) {
            expected.write(e.frame());
        }
        try (RoomStore store = StoreTesting.open(folder, loop)) {
            appendAll(store, sent);
            Path target = folder.resolve("export.jsonl");
            assertThat(store.export(new ExportFormat.JsonLines(), target, ExportMonitor.NONE)).isEqualTo(ExportResult.COMPLETE);
            assertThat(Files.readAllBytes(target)).isEqualTo(expected.toByteArray());
            assertThat(folder.resolve("export.jsonl.part")).doesNotExist();
        }
    }

    @Test
    void htmlIsReadableAndEscapesEverythingFromTheHistory() throws Exception {
        String hostile = "<script>alert('x')</script> & <img src=x onerror=alert(1)> \"quoted\"\nsecond line";
        byte[] hostFrame = StoreTesting.CODEC.encode(new Frame.Msg(3, "h1", "<b>host</b>", Role.HOST, "Welcome all",
                Timestamps.format(StoreTesting.T0.plusSeconds(3))));
        try (RoomStore store = StoreTesting.open(folder, loop)) {
            appendAll(store, List.of(
                    StoreTesting.msg(1, "mallory\"><script>", "m1", hostile),
                    StoreTesting.joined(2, "<i>carol</i>"),
                    new StoredEvent(3, Frame.Msg.TYPE, StoreTesting.T0.plusSeconds(3), hostFrame, "<b>host</b>", "h1", "Welcome all")));
            var out = new ByteArrayOutputStream();
            assertThat(store.export(HTML, out, ExportMonitor.NONE)).isEqualTo(ExportResult.COMPLETE);
            String html = out.toString(StandardCharsets.UTF_8);
            assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
            assertThat(html).doesNotContain("<script", "<img", "<i>", "<b>", "onerror=alert(1)>");
            assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;");
            assertThat(html).contains("&quot;quoted&quot;\nsecond line");
            assertThat(html).contains("<title>Team &lt;room&gt; &amp; co</title>");
            assertThat(html).contains("&lt;i&gt;carol&lt;/i&gt; joined");
            assertThat(html).contains("<span class=\"role\">host</span>");
            // Self-contained: its style is inline and nothing may be loaded or run.
            assertThat(html).contains("<style>").contains("default-src 'none'").doesNotContain("http://", "https://", "<link");
            assertThat(html).contains("Tuesday, December 1, 2026").contains("3 events");
        }
    }

    @Test
    void aSharedFileIsExportedAsItsNameAndSizeWithoutItsPreview() throws Exception {
        String thumb = "/9j/4AAQSkZJRgABAQAAAQABAAD" + "A".repeat(200);
        byte[] fileFrame = StoreTesting.CODEC.encode(new Frame.FileEvent(2, "f-1", "alice", Role.GUEST,
                "holiday <1>.jpg", 2_143_007, "image/jpeg", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                640, 480, thumb, "image/jpeg", Timestamps.format(StoreTesting.T0.plusSeconds(2))));
        try (RoomStore store = StoreTesting.open(folder, loop)) {
            appendAll(store, List.of(StoreTesting.msg(1, "alice", "m1", "look"),
                    new StoredEvent(2, Frame.FileEvent.TYPE, StoreTesting.T0.plusSeconds(2), fileFrame, "alice", "f-1", null)));
            var out = new ByteArrayOutputStream();
            assertThat(store.export(HTML, out, ExportMonitor.NONE)).isEqualTo(ExportResult.COMPLETE);
            String html = out.toString(StandardCharsets.UTF_8);
            assertThat(html).contains("\uD83D\uDCCE holiday &lt;1&gt;.jpg (2.1 MB)").doesNotContain(thumb.substring(0, 40));

            Path jsonl = folder.resolve("export.jsonl");
            assertThat(store.export(new ExportFormat.JsonLines(), jsonl, ExportMonitor.NONE)).isEqualTo(ExportResult.COMPLETE);
            assertThat(Files.readString(jsonl)).as("the JSON Lines export keeps the event whole").contains(thumb);
        }
    }

    @Test
    void progressIsReportedAndCancellingLeavesNoFile() throws Exception {
        try (RoomStore store = StoreTesting.open(folder, loop)) {
            appendAll(store, messages(1, 3_500));
            List<long[]> progress = new CopyOnWriteArrayList<>();
            Path target = folder.resolve("export.html");
            ExportResult done = store.export(HTML, target, new ExportMonitor() {
                @Override
                public void progress(long doneSoFar, long total) {
                    progress.add(new long[] {doneSoFar, total});
                }

                @Override
                public boolean isCancelled() {
                    return false;
                }
            });
            assertThat(done).isEqualTo(ExportResult.COMPLETE);
            assertThat(progress).extracting(p -> p[1]).containsOnly(3_500L);
            assertThat(progress).extracting(p -> p[0]).isSorted().startsWith(0L).endsWith(3_500L).hasSizeGreaterThan(3);
            assertThat(Files.readString(target)).contains("message number n3500 about otters");

            Path cancelled = folder.resolve("cancelled.html");
            ExportResult stopped = store.export(HTML, cancelled, new ExportMonitor() {
                private long seen;

                @Override
                public void progress(long doneSoFar, long total) {
                    seen = doneSoFar;
                }

                @Override
                public boolean isCancelled() {
                    return seen >= 1_000;
                }
            });
            assertThat(stopped).isEqualTo(ExportResult.CANCELLED);
            assertThat(cancelled).doesNotExist();
            assertThat(folder.resolve("cancelled.html.part")).doesNotExist();
        }
    }
}
