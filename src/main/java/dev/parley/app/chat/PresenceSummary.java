package dev.parley.app.chat;

import dev.parley.protocol.Limits;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * Sums up a run of joins and leaves in one sentence: "Ann, Bob and 3 others joined", "Ann joined
 * and left · Carl left". Each person counts once, by what they did first and last; people who did
 * the same are named together, groups in the order they first appear. No JavaFX; any thread.
 */
final class PresenceSummary {
    /** One join or leave, with the sentence its own row would have said. */
    record Change(String nick, boolean joined, String sentence) {
    }

    /** What a person did over the run. */
    private enum Story {
        JOINED("chat.presence.joined"), LEFT("chat.presence.left"),
        JOINED_AND_LEFT("chat.presence.joinedAndLeft"), LEFT_AND_CAME_BACK("chat.presence.cameBack");

        final String key;

        Story(String key) {
            this.key = key;
        }

        static Story of(boolean first, boolean last) {
            if (first == last) {
                return first ? JOINED : LEFT;
            }
            return first ? JOINED_AND_LEFT : LEFT_AND_CAME_BACK;
        }
    }

    private final ResourceBundle bundle;

    PresenceSummary(ResourceBundle bundle) {
        this.bundle = bundle;
    }

    /** The sentence for a run; a run of one keeps that change's own sentence. */
    String sentence(List<Change> run) {
        if (run.size() == 1) {
            return run.getFirst().sentence();
        }
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, Boolean> first = new LinkedHashMap<>();
        Map<String, Boolean> last = new LinkedHashMap<>();
        for (Change c : run) {
            String key = Limits.nickKey(c.nick());
            names.putIfAbsent(key, c.nick());
            first.putIfAbsent(key, c.joined());
            last.put(key, c.joined());
        }
        Map<Story, List<String>> groups = new LinkedHashMap<>();
        for (String key : names.keySet()) {
            groups.computeIfAbsent(Story.of(first.get(key), last.get(key)), s -> new ArrayList<>()).add(names.get(key));
        }
        List<String> parts = new ArrayList<>();
        groups.forEach((story, people) -> parts.add(format(story.key, people(people))));
        return String.join(bundle.getString("chat.presence.separator"), parts);
    }

    /** "Ann", "Ann and Bob", "Ann, Bob and Carl", "Ann, Bob and 3 others". */
    private String people(List<String> people) {
        return switch (people.size()) {
            case 1 -> people.getFirst();
            case 2 -> format("chat.presence.two", people.get(0), people.get(1));
            case 3 -> format("chat.presence.three", people.get(0), people.get(1), people.get(2));
            default -> format("chat.presence.many", people.get(0), people.get(1), people.size() - 2);
        };
    }

    private String format(String key, Object... args) {
        return new MessageFormat(bundle.getString(key), bundle.getLocale()).format(args);
    }
}
