package dev.parley.app.bench;

import dev.parley.client.ChatEvent;
import dev.parley.protocol.Frame;
import dev.parley.protocol.Role;
import dev.parley.protocol.Timestamps;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Synthetic incoming traffic that looks like a busy room: several people writing in runs of one to
 * five messages, mostly short lines, some paragraphs that wrap, some links and line breaks. Built
 * before a measurement starts, from a fixed seed, so every repetition shows the same kind of rows.
 */
final class Traffic {
    static final String YOU = "Reader";
    private static final String HOST = "Alice";
    private static final String[] PEOPLE = {HOST, "Bob Stone", "carol", "Dmitri", "Eve_42", "Frank"};
    private static final String[] WORDS = ("the build is green again and the release notes need one more pass before "
            + "we tag it tonight could someone check the installer on a fresh machine thanks I will look after "
            + "lunch meeting moved to three o'clock please bring the numbers from last week's test run yes no "
            + "maybe later sounds good agreed").split(" ");

    private final Random random = new Random(42);
    private long seq;

    /** The welcome that opens a chat: the room with everyone in it. */
    ChatEvent.Connected welcome() {
        List<Frame.User> users = new ArrayList<>();
        users.add(new Frame.User(YOU, Role.GUEST));
        for (String p : PEOPLE) {
            users.add(new Frame.User(p, p.equals(HOST) ? Role.HOST : Role.GUEST));
        }
        return new ChatEvent.Connected("Benchmark room", YOU, users, false, false, false);
    }

    /**
     * {@code count} messages from others, sent 5 ms apart and ending now, stamped as the host stamps
     * them (to the millisecond, see {@link Timestamps}); the last one's text is
     * {@code lastText}, so a probe can tell when it is in the list.
     */
    List<ChatEvent> messages(int count, String lastText) {
        List<ChatEvent> out = new ArrayList<>(count);
        Instant first = Instant.now().minusMillis(5L * count);
        String sender = PEOPLE[0];
        int runLeft = 0;
        for (int i = 0; i < count; i++) {
            if (runLeft == 0) {
                sender = PEOPLE[random.nextInt(PEOPLE.length)];
                runLeft = 1 + random.nextInt(5);
            }
            runLeft--;
            String text = i == count - 1 ? lastText : text();
            seq++;
            var msg = new Frame.Msg(seq, "m" + seq, sender, sender.equals(HOST) ? Role.HOST : Role.GUEST, text,
                    Timestamps.format(first.plusMillis(5L * i)));
            out.add(new ChatEvent.Message(msg, false));
        }
        return out;
    }

    private String text() {
        int kind = random.nextInt(100);
        int words = kind < 70 ? 2 + random.nextInt(12) : kind < 95 ? 15 + random.nextInt(30) : 60 + random.nextInt(60);
        StringBuilder b = new StringBuilder();
        for (int w = 0; w < words; w++) {
            if (w > 0) {
                b.append(w % 17 == 0 && random.nextInt(4) == 0 ? '\n' : ' ');
            }
            b.append(WORDS[random.nextInt(WORDS.length)]);
        }
        if (random.nextInt(20) == 0) {
            b.append(" see https://example.org/notes/").append(random.nextInt(10_000));
        }
        return b.toString();
    }
}
