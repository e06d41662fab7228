package dev.parley.store;

import dev.parley.protocol.FileSizes;
import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.Role;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

/**
 * A readable, self-contained HTML page of the history: a day heading where the date changes,
 * messages with their sender and time, joins and leaves as quiet lines. Every piece of the history
 * is escaped; the page has no script and loads nothing (its Content-Security-Policy says so).
 */
final class HtmlSink implements EventSink {
    private static final String STYLE = """
            :root { color-scheme: light dark; --bg: #f6f7f9; --bubble: #ffffff; --ink: #1d232b; --quiet: #6a7380; --accent: #2f6fd6; }
            @media (prefers-color-scheme: dark) { :root { --bg: #15181d; --bubble: #222831; --ink: #e6e9ee; --quiet: #98a1ad; --accent: #7aa7f0; } }
            body { margin: 0; background: var(--bg); color: var(--ink); font: 15px/1.45 system-ui, sans-serif; }
            header, main { max-width: 46rem; margin: 0 auto; padding: 1rem; }
            h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
            header p, .day, .sys { color: var(--quiet); font-size: .85rem; }
            .day { text-align: center; margin: 1.25rem 0 .5rem; font-weight: 600; }
            .sys { text-align: center; margin: .25rem 0; }
            .msg { background: var(--bubble); border-radius: .75rem; padding: .5rem .75rem; margin: .4rem 0; box-shadow: 0 1px 2px rgb(0 0 0 / .08); }
            .meta { font-size: .8rem; color: var(--quiet); }
            .from { font-weight: 600; color: var(--accent); }
            .role { border: 1px solid var(--quiet); border-radius: .5rem; padding: 0 .35rem; margin-left: .3rem; }
            .text { white-space: pre-wrap; overflow-wrap: anywhere; }
            """;

    private final Writer out;
    private final ExportFormat.Html format;
    private final FrameCodec codec = new FrameCodec();
    private final DateTimeFormatter dayFormat;
    private final DateTimeFormatter timeFormat;
    private LocalDate day;

    HtmlSink(OutputStream out, ExportFormat.Html format) {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        this.format = format;
        this.dayFormat = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(format.locale()).withZone(format.zone());
        this.timeFormat = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(format.locale()).withZone(format.zone());
    }

    @Override
    public void begin(long total) throws IOException {
        String exported = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(format.locale())
                .withZone(format.zone()).format(Instant.now());
        out.write("<!DOCTYPE html>\n<html lang=\"" + escape(format.locale().toLanguageTag()) + "\">\n<head>\n"
                + "<meta charset=\"utf-8\">\n"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escape(format.title()) + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n"
                + "<header><h1>" + escape(format.title()) + "</h1><p>"
                + escape(new MessageFormat(format.labels().summary(), format.locale()).format(new Object[] {total, exported}))
                + "</p></header>\n<main>\n");
    }

    @Override
    public void event(StoredEvent event) throws IOException {
        Frame frame;
        try {
            byte[] bytes = event.frame();
            int length = bytes.length > 0 && bytes[bytes.length - 1] == '\n' ? bytes.length - 1 : bytes.length;
            frame = codec.decode(bytes, 0, length);
        } catch (ProtocolException e) {
            return; // a frame this version cannot read (a later protocol's): the JSON Lines export keeps it
        }
        if (!(frame instanceof Frame.RoomEvent roomEvent)) {
            return;
        }
        Instant at = shownTime(roomEvent.ts(), event.time());
        dayHeading(at);
        String time = "<time datetime=\"" + escape(roomEvent.ts()) + "\">" + escape(timeFormat.format(at)) + "</time>";
        switch (roomEvent) {
            case Frame.Msg m -> bubble(m.from(), m.role(), time, m.text());
            // A file: its name and size; its bytes are the host's, not the export's.
            case Frame.FileEvent f -> bubble(f.from(), f.role(), time,
                    "\uD83D\uDCCE " + f.name() + " (" + FileSizes.format(f.size()) + ")");
            case Frame.Joined j -> system(format.labels().joined(), j.nick(), time);
            case Frame.Left l -> system(format.labels().left(), l.nick(), time);
        }
    }

    @Override
    public void end() throws IOException {
        out.write("</main>\n</body>\n</html>\n");
        out.flush();
    }

    private void bubble(String from, Role role, String time, String text) throws IOException {
        out.write("<div class=\"msg\"><div class=\"meta\"><span class=\"from\">" + escape(from) + "</span>"
                + (role == Role.HOST ? "<span class=\"role\">" + escape(format.labels().host()) + "</span>" : "")
                + " · " + time + "</div><div class=\"text\" dir=\"auto\">" + escape(text) + "</div></div>\n");
    }

    private void system(String pattern, String nick, String time) throws IOException {
        out.write("<div class=\"sys\">" + escape(new MessageFormat(pattern, format.locale()).format(new Object[] {nick}))
                + " · " + time + "</div>\n");
    }

    /** The time everyone was shown (the frame's {@code ts}); the stored time if a frame's is unreadable. */
    private static Instant shownTime(String ts, Instant stored) {
        try {
            return ts == null ? stored : Instant.parse(ts);
        } catch (java.time.format.DateTimeParseException e) {
            return stored;
        }
    }

    private void dayHeading(Instant time) throws IOException {
        LocalDate date = LocalDate.ofInstant(time, format.zone());
        if (!date.equals(day)) {
            day = date;
            out.write("<div class=\"day\">" + escape(dayFormat.format(time)) + "</div>\n");
        }
    }

    /** Escapes text for an element or a quoted attribute. */
    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}
