package dev.parley.app.chat;

import dev.parley.client.ChatEvent;
import dev.parley.protocol.Frame;
import dev.parley.protocol.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** People's colours: enough of them, readable in both themes, distinct within a room, stable per person. */
@Timeout(30)
class AvatarColoursTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    /** The person colours a palette block of the stylesheet defines, in index order. */
    private static List<String> palette(String css, String selector) {
        int start = css.indexOf(selector + " {");
        String block = css.substring(start, css.indexOf('}', start));
        List<String> colours = new ArrayList<>();
        Matcher m = Pattern.compile("-parley-person-(\\d+): (#[0-9a-fA-F]{6});").matcher(block);
        while (m.find()) {
            assertEquals(colours.size(), Integer.parseInt(m.group(1)), "colours are listed in index order");
            colours.add(m.group(2));
        }
        return colours;
    }

    private static String css() throws IOException {
        try (InputStream in = AvatarColoursTest.class.getResourceAsStream("/dev/parley/app/parley.css")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static double luminance(String hex) {
        double[] rgb = new double[3];
        for (int i = 0; i < 3; i++) {
            double c = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
            rgb[i] = c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
    }

    /** WCAG contrast ratio. */
    private static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    @Test
    void thePaletteHasAtLeastTwelveColoursAndBothThemesDefineEachOfThem() throws IOException {
        String css = css();
        List<String> light = palette(css, ".root");
        List<String> dark = palette(css, ".root:dark");
        assertEquals(Avatars.COLOURS, light.size());
        assertEquals(Avatars.COLOURS, dark.size());
        assertTrue(Avatars.COLOURS >= 12);
        assertEquals(light.size(), new HashSet<>(light).size(), "no colour twice: " + light);
        assertEquals(dark.size(), new HashSet<>(dark).size(), "no colour twice: " + dark);
    }

    @Test
    void namesAndInitialsInEveryColourAreReadableInBothThemes() throws IOException {
        String css = css();
        // Light: names on white bubbles and panels, white initials on the colour.
        for (String c : palette(css, ".root")) {
            assertTrue(contrast(c, "#ffffff") >= 4.5, c + " on white: " + contrast(c, "#ffffff"));
            assertTrue(contrast(c, "#f3f5f8") >= 4.5, c + " on the chat background");
        }
        // Dark: names on the dark bubble (#21262d) and panel (#161b22), dark initials (#0d1117) on the colour.
        for (String c : palette(css, ".root:dark")) {
            assertTrue(contrast(c, "#21262d") >= 4.5, c + " on the dark bubble: " + contrast(c, "#21262d"));
            assertTrue(contrast(c, "#161b22") >= 4.5, c + " on the dark panel");
            assertTrue(contrast(c, "#0d1117") >= 4.5, c + " under dark initials");
        }
    }

    @Test
    void theFirstTwelvePeopleInARoomAllGetDifferentColoursInJoinOrder() {
        RoomColours colours = new RoomColours();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < Avatars.COLOURS; i++) {
            assertTrue(seen.add(colours.colourOf("person " + i)), "person " + i + " got a colour already in use");
        }
        assertEquals(0, colours.colourOf("PERSON 0"), "the same person (any case) keeps their colour");
        assertEquals(Avatars.colourIndex("latecomer"), colours.colourOf("latecomer"),
                "once every colour is taken, the name's hash decides");
    }

    @Test
    void aPersonHasTheSameColourInThePeopleListAndOnTheirBubbles() {
        var bundle = ResourceBundle.getBundle("dev.parley.app.messages", Locale.ENGLISH);
        var vm = new ChatViewModel(new FakeLink(), "10.0.0.5:7770", false, bundle,
                new MutableClock(T0, ZoneOffset.UTC), (t, x) -> { });
        // Alice and Bob were the two who collided under the old hash of eight colours.
        vm.apply(List.of(Events.welcome("Reader", "Alice", "Bob"),
                new ChatEvent.Joined(new Frame.Joined(90, "Dora", Role.GUEST, T0.toString())),
                Events.from("Alice", "hi", T0), Events.from("Bob", "hello", T0), Events.from("Dora", "hey", T0)));
        Set<Integer> inList = new HashSet<>();
        for (Person p : vm.people()) {
            assertTrue(inList.add(p.colour()), p.nick() + " shares a colour in the people list");
            vm.items().stream().filter(ChatItem.Message.class::isInstance).map(ChatItem.Message.class::cast)
                    .filter(m -> m.sender().equals(p.nick()))
                    .forEach(m -> assertEquals(p.colour(), m.colour(), p.nick() + "'s bubble and list colour"));
        }
        assertEquals(4, inList.size());
    }
}
