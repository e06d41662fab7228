package dev.parley.store;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;

/** What an export writes. */
public sealed interface ExportFormat {

    /**
     * JSON Lines: every stored frame exactly as it was on the wire, one per line, oldest first. What
     * a program reads back, or feeds to a client, as if it were the replay.
     */
    record JsonLines() implements ExportFormat {
    }

    /**
     * One self-contained HTML page a person reads in any browser: no scripts, no remote content
     * (a Content-Security-Policy forbids both), everything from the history escaped.
     *
     * @param title  the page's heading, usually the room's name
     * @param zone   the zone times are shown in
     * @param locale the language of dates and of the labels' formats
     * @param labels the words around the events, from the app's resource bundle
     */
    record Html(String title, ZoneId zone, Locale locale, HtmlLabels labels) implements ExportFormat {
        public Html {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(locale, "locale");
            Objects.requireNonNull(labels, "labels");
        }
    }

    /**
     * The words of an HTML export, as {@link java.text.MessageFormat} patterns; the app fills them
     * from its resource bundle, so the page speaks the person's language.
     *
     * @param joined   {@code {0}} is the nick: "{0} joined"
     * @param left     {@code {0}} is the nick: "{0} left"
     * @param host     the mark shown beside the host's name: "host"
     * @param summary  {@code {0}} the number of events, {@code {1}} the export's date: "{0} events, exported {1}"
     */
    record HtmlLabels(String joined, String left, String host, String summary) {
        public static HtmlLabels english() {
            return new HtmlLabels("{0} joined", "{0} left", "host", "{0,number,integer} events, exported {1}");
        }
    }
}
