package dev.parley.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.ResourceBundle;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * German is complete: every key of the base bundle is translated, with the same {@code {n}}
 * placeholders, every pattern is a valid MessageFormat, and a German locale gets German.
 */
@Timeout(10)
class BundleTranslationTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)[^}]*}");

    private static Properties load(String name) throws IOException {
        try (InputStream in = BundleTranslationTest.class.getResourceAsStream("/dev/parley/app/" + name)) {
            assertThat(in).as(name).isNotNull();
            var p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return p;
        }
    }

    private static TreeSet<String> placeholders(String pattern) {
        var found = new TreeSet<String>();
        // Choice formats nest their own {0}; the top-level numbers are what matters here.
        Matcher m = PLACEHOLDER.matcher(pattern);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    void everyKeyHasAGermanTranslationWithTheSamePlaceholders() throws IOException {
        Properties base = load("messages.properties");
        Properties german = load("messages_de.properties");
        // Every base key is in German. German may run ahead of this branch's base (keys of work
        // merged elsewhere, translated here); once merged the two sets are the same.
        assertThat(german.stringPropertyNames()).containsAll(base.stringPropertyNames());
        for (String key : base.stringPropertyNames()) {
            assertThat(placeholders(german.getProperty(key))).as(key)
                    .isEqualTo(placeholders(base.getProperty(key)));
            new MessageFormat(german.getProperty(key), Locale.GERMAN);
            new MessageFormat(base.getProperty(key), Locale.ENGLISH);
        }
    }

    @Test
    void germanIsTranslatedNotCopied() throws IOException {
        Properties base = load("messages.properties");
        Properties german = load("messages_de.properties");
        // Names, numbers and symbols stay as they are (Parley, Port, {0}: {1}); sentences do not.
        Set<String> sameOnPurpose = Set.of("app.name", "about.header", "start.field.port", "chat.counter",
                "chat.a11y.message", "chat.notify.last", "chat.presence.separator", "chat.notify.one",
                "emoji.button");
        List<String> same = base.stringPropertyNames().stream()
                .filter(k -> base.getProperty(k).equals(german.getProperty(k)))
                .filter(k -> !sameOnPurpose.contains(k)).sorted().toList();
        assertThat(same).as("keys whose German is still the English text").isEmpty();
    }

    @Test
    void aGermanLocaleGetsGermanAndAnyOtherFallsBackToEnglish() {
        assertThat(ResourceBundle.getBundle("dev.parley.app.messages", Locale.GERMANY).getString("start.join.action"))
                .isEqualTo("Beitreten");
        assertThat(ResourceBundle.getBundle("dev.parley.app.messages", Locale.ROOT).getString("start.join.action"))
                .isEqualTo("Join");
    }
}
