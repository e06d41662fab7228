package dev.parley.app.chat;

import dev.parley.protocol.Limits;
import javafx.css.PseudoClass;

import java.util.Locale;

/**
 * A person's initials and the colour pseudo-classes of the stylesheet's person palette. Which colour
 * a person gets in a room is {@link RoomColours}' choice; {@link #colourIndex} is its fallback.
 */
public final class Avatars {
    /**
     * How many person colours the stylesheet defines ({@code -parley-person-0} …), each checked for
     * contrast in both themes by {@code AvatarColoursTest}. Neighbouring indexes differ most in hue,
     * since people are given them in join order.
     */
    public static final int COLOURS = 12;
    private static final PseudoClass[] PERSON = new PseudoClass[COLOURS];

    static {
        for (int i = 0; i < COLOURS; i++) {
            PERSON[i] = PseudoClass.getPseudoClass("person-" + i);
        }
    }

    private Avatars() {
    }

    /** A colour from the name alone, the same on every machine and every run. */
    public static int colourIndex(String nick) {
        // String.hashCode is specified, so the colour is the same on every machine and every run.
        return Math.floorMod(Limits.nickKey(nick).hashCode(), COLOURS);
    }

    public static PseudoClass pseudoClass(int index) {
        return PERSON[Math.floorMod(index, COLOURS)];
    }

    public static PseudoClass[] all() {
        return PERSON.clone();
    }

    /** Up to two letters: the first of the first two words ("Ada Lovelace" → "AL", "bob" → "B"). */
    public static String initials(String nick) {
        StringBuilder out = new StringBuilder();
        for (String word : nick.strip().split("[\\s_.\\-]+")) {
            if (!word.isEmpty() && out.codePointCount(0, out.length()) < 2) {
                out.appendCodePoint(word.codePointAt(0));
            }
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }
}
