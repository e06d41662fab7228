package dev.parley.app.chat;

import dev.parley.protocol.Limits;

import java.util.HashMap;
import java.util.Map;

/**
 * Which colour each person has in one room. People get the palette's colours in the order they are
 * met (the welcome lists the room in join order, then each join), so the first twelve people in a
 * room all differ; the name's hash is only the fallback once every colour is taken. A person keeps
 * their colour for the whole chat, in the side panel and on every bubble, even after leaving and
 * coming back. FX thread only.
 */
final class RoomColours {
    private final Map<String, Integer> byPerson = new HashMap<>();
    private final boolean[] taken = new boolean[Avatars.COLOURS];

    /** The colour of {@code nick}, giving them the next free one if they have none yet. */
    int colourOf(String nick) {
        return byPerson.computeIfAbsent(Limits.nickKey(nick), key -> pick(nick));
    }

    private int pick(String nick) {
        // The palette is ordered so that neighbours differ most: take the first free colour.
        for (int i = 0; i < Avatars.COLOURS; i++) {
            if (!taken[i]) {
                taken[i] = true;
                return i;
            }
        }
        return Avatars.colourIndex(nick);
    }
}
