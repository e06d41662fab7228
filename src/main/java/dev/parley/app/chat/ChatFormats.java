package dev.parley.app.chat;

import java.text.MessageFormat;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ResourceBundle;

/** How times, days and rows read, in the person's zone and language. */
public final class ChatFormats {
    private final ResourceBundle bundle;
    private final Clock clock;
    private final DateTimeFormatter time;
    private final DateTimeFormatter full;
    private final DateTimeFormatter dayThisYear;
    private final DateTimeFormatter dayOtherYear;

    /** @param locale how dates are written (month and day names) */
    public ChatFormats(ResourceBundle bundle, Clock clock, java.util.Locale locale) {
        this.bundle = bundle;
        this.clock = clock;
        this.time = DateTimeFormatter.ofPattern("HH:mm", locale).withZone(clock.getZone());
        this.full = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.MEDIUM)
                .withLocale(locale).withZone(clock.getZone());
        this.dayThisYear = DateTimeFormatter.ofPattern(bundle.getString("chat.day.thisYear"), locale);
        this.dayOtherYear = DateTimeFormatter.ofPattern(bundle.getString("chat.day.otherYear"), locale);
    }

    /** {@code 10:42}, local time. */
    public String time(Instant instant) {
        return time.format(instant);
    }

    /** The full date and time, for a tooltip. */
    public String full(Instant instant) {
        try {
            return full.format(instant);
        } catch (java.time.DateTimeException e) {
            // FULL styles need a zone name some zones (fixed offsets) do not have.
            return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(time.getLocale())
                    .withZone(clock.getZone()).format(instant);
        }
    }

    /** "Today", "Yesterday" or the date. */
    public String day(LocalDate date) {
        LocalDate today = LocalDate.now(clock);
        if (date.equals(today)) {
            return bundle.getString("chat.day.today");
        }
        if (date.equals(today.minusDays(1))) {
            return bundle.getString("chat.day.yesterday");
        }
        return (date.getYear() == today.getYear() ? dayThisYear : dayOtherYear).format(date);
    }

    /** What a screen reader says for a message: "Alice, 10:42: hello". */
    public String spoken(ChatItem.Message m, String yourLabel) {
        String who = m.outgoing() ? yourLabel : m.sender();
        return new MessageFormat(bundle.getString("chat.a11y.message"), bundle.getLocale())
                .format(new Object[] {who, time(m.time()), m.text()});
    }

    public ResourceBundle bundle() {
        return bundle;
    }

    public String text(String key) {
        return bundle.getString(key);
    }
}
