package dev.parley.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A welcome queued as the codec's head, the room's encoded member list and the codec's tail is,
 * byte for byte, the welcome Jackson writes whole: whatever the names, options and list size.
 */
@Timeout(10)
class WelcomeEncodingTest {
    private final FrameCodec codec = new FrameCodec();

    private byte[] spliced(Frame.Welcome welcome, EncodedUsers users) {
        FrameCodec.WelcomeParts parts = codec.encodeWelcome(welcome);
        var out = new ByteArrayOutputStream();
        out.writeBytes(parts.head());
        out.write(users.bytes(), 0, users.length());
        out.writeBytes(parts.tail());
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 50, 2_000})
    void splicedWelcomeIsTheWholeWelcome(int members) {
        List<Frame.User> list = new ArrayList<>();
        var users = new EncodedUsers(codec);
        for (int i = 0; i < members; i++) {
            var user = new Frame.User("n\"ame\\ " + i + " ñandú 😀", i == 0 ? Role.HOST : Role.GUEST);
            list.add(user);
            users.add(user);
        }
        var bare = new Frame.Welcome(1, "Room \"x\" </script>", "you\u2028", List.of(), 7, true, "tok_en-1",
                new Frame.Limits(4000, 65536));
        var whole = new Frame.Welcome(bare.v(), bare.room(), bare.you(), list, bare.history(), bare.gap(),
                bare.session(), bare.limits());
        assertThat(spliced(bare, users)).isEqualTo(codec.encode(whole));
    }

    @Test
    void absentSessionAndLimitsAreLeftOutAsInTheWholeWelcome() {
        var users = new EncodedUsers(codec);
        users.add(new Frame.User("alice", Role.GUEST));
        var bare = new Frame.Welcome(1, "r", "alice", List.of(), 0, false, null, null);
        var whole = new Frame.Welcome(1, "r", "alice", List.of(new Frame.User("alice", Role.GUEST)), 0, false,
                null, null);
        assertThat(spliced(bare, users)).isEqualTo(codec.encode(whole));
    }

    @Test
    void clearingStartsANewArraySoQueuedWelcomesKeepTheirList() {
        var users = new EncodedUsers(codec);
        users.add(new Frame.User("alice", Role.GUEST));
        byte[] queued = users.bytes();
        int queuedLength = users.length();
        String before = new String(queued, 0, queuedLength, java.nio.charset.StandardCharsets.UTF_8);
        users.clear();
        users.add(new Frame.User("bob", Role.GUEST));
        assertThat(new String(queued, 0, queuedLength, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(before);
        assertThat(users.bytes()).isNotSameAs(queued);
    }
}
