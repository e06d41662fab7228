package dev.parley.app.chat;

import dev.parley.protocol.Frame;
import dev.parley.protocol.Limits;
import dev.parley.protocol.Role;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.Comparator;
import java.util.List;

/** Who is in the room: host first, then by name. FX thread only. */
final class People {
    private static final Comparator<Person> ORDER = Comparator.comparing((Person p) -> !p.host())
            .thenComparing(p -> Limits.nickKey(p.nick()));

    private final ObservableList<Person> list = FXCollections.observableArrayList();
    private final ObservableList<Person> readOnly = FXCollections.unmodifiableObservableList(list);
    private final RoomColours colours = new RoomColours();
    private String you = "";

    ObservableList<Person> list() {
        return readOnly;
    }

    void reset(String yourNick, List<Frame.User> users) {
        you = Limits.nickKey(yourNick);
        // The welcome lists the room in join order: colours are handed out in that order, before sorting.
        list.setAll(users.stream().map(u -> person(u.nick(), u.role())).sorted(ORDER).toList());
    }

    void joined(String nick, Role role) {
        left(nick);
        Person p = person(nick, role);
        int at = 0;
        while (at < list.size() && ORDER.compare(list.get(at), p) < 0) {
            at++;
        }
        list.add(at, p);
    }

    void left(String nick) {
        String key = Limits.nickKey(nick);
        list.removeIf(p -> Limits.nickKey(p.nick()).equals(key));
    }

    /** The colour {@code nick} has in this room, whether or not they are in it now. */
    int colourOf(String nick) {
        return colours.colourOf(nick);
    }

    boolean isHost(String nick) {
        String key = Limits.nickKey(nick);
        return list.stream().anyMatch(p -> p.host() && Limits.nickKey(p.nick()).equals(key));
    }

    private Person person(String nick, Role role) {
        return new Person(nick, role == Role.HOST, Limits.nickKey(nick).equals(you), colours.colourOf(nick));
    }
}
