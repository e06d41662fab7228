package dev.parley.discovery;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class DatagramCodecTest {
    private static final String KEY = "0123456789abcdef".repeat(4);
    private final DatagramCodec codec = new DatagramCodec();

    private Datagram decode(String json) throws DatagramException {
        return codec.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String announcement(String fields) {
        return "{\"parley\":\"announce\",\"v\":1" + fields + "}";
    }

    private static final String ALL = ",\"id\":\"a1b2\",\"room\":\"Team room\",\"port\":7770,\"password\":true,\"people\":3";

    @Test
    void announcementSurvivesARoundTripWithAndWithoutAHostKey() throws DatagramException {
        var withKey = new Datagram.Announcement("00ff", "Team room", 7770, KEY, true, 3);
        var withoutKey = new Datagram.Announcement("00ff", "Café ☕ 日本", 65_535, null, false, 0);
        assertThat(codec.decode(codec.encode(withKey))).isEqualTo(withKey);
        assertThat(codec.decode(codec.encode(withoutKey))).isEqualTo(withoutKey);
        assertThat(new String(codec.encode(withoutKey), StandardCharsets.UTF_8)).doesNotContain("key");
    }

    @Test
    void queryRoundTripKeepsItsNonce() throws DatagramException {
        assertThat(codec.decode(codec.encode(new Datagram.Query("n0nce")))).isEqualTo(new Datagram.Query("n0nce"));
        assertThat(codec.decode(codec.encode(new Datagram.Query(null)))).isEqualTo(new Datagram.Query(null));
    }

    @Test
    void theLargestAnnouncementStaysWellUnderTheLimit() {
        String widest = "\u0001𝄞".repeat(DatagramCodec.MAX_ROOM);
        var a = new Datagram.Announcement("f".repeat(32), DatagramCodec.fitRoomName(widest), 65_535, KEY, true,
                DatagramCodec.MAX_PEOPLE);
        assertThat(codec.encode(a).length).isLessThan(DatagramCodec.MAX_DATAGRAM);
    }

    @Test
    void unknownFieldsAreIgnored() throws DatagramException {
        assertThat(decode(announcement(ALL + ",\"future\":{\"x\":[1,2]},\"address\":\"6.6.6.6\"")))
                .isEqualTo(new Datagram.Announcement("a1b2", "Team room", 7770, null, true, 3));
    }

    @Test
    void oversizedDatagramIsRefusedBeforeParsing() {
        byte[] big = announcement(ALL + ",\"pad\":\"" + "x".repeat(DatagramCodec.MAX_DATAGRAM) + "\"")
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> codec.decode(big)).isInstanceOf(DatagramException.class).hasMessageContaining("oversized");
    }

    @Test
    void anotherVersionIsIgnored() {
        assertThatThrownBy(() -> decode("{\"parley\":\"announce\",\"v\":2" + ALL + "}"))
                .isInstanceOf(DatagramException.class).hasMessageContaining("version");
        assertThatThrownBy(() -> decode("{\"parley\":\"query\"}")).isInstanceOf(DatagramException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "{", "[1,2]", "{\"parley\":\"announce\"", "null", "{}", "{\"type\":\"hello\",\"v\":1}",
            "{\"parley\":\"shout\",\"v\":1}", "{\"parley\":1,\"v\":1}", "{\"parley\":\"announce\",\"v\":\"1\"}",
            "{\"parley\":\"announce\",\"v\":1.5}", "{\"parley\":\"query\",\"v\":1,\"nonce\":\"no spaces\"}"})
    void malformedDatagramsAreRefused(String text) {
        assertThatThrownBy(() -> decode(text)).isInstanceOf(DatagramException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "room", "port", "password", "people"})
    void everyRequiredFieldMustBeThere(String field) {
        String without = ALL.replaceAll(",\"" + field + "\":(\"[^\"]*\"|[^,]*)", "");
        assertThat(without).isNotEqualTo(ALL);
        assertThatThrownBy(() -> decode(announcement(without))).isInstanceOf(DatagramException.class)
                .hasMessageContaining(field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"port\":0", "\"port\":70000", "\"port\":\"7770\"", "\"port\":7770.5", "\"people\":-1",
            "\"people\":1e3", "\"password\":1", "\"password\":\"yes\"", "\"room\":\"\"", "\"room\":\"   \"",
            "\"room\":\"a\\tb\"", "\"room\":\"line\\nbreak\"", "\"room\":\"evil\\u202Eroom\"", "\"room\":\"a\\u2066b\"", "\"room\":42", "\"key\":\"ABC\"",
            "\"key\":\"0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef\"", "\"key\":7",
            "\"id\":\"<script>\"", "\"id\":\"0123456789abcdef0123456789abcdef0\""})
    void fieldsOfTheWrongKindOrOutOfRangeAreRefused(String field) {
        String name = field.substring(1, field.indexOf('"', 1));
        String replaced = ALL.contains("\"" + name + "\"")
                ? ALL.replaceAll("\"" + name + "\":(\"[^\"]*\"|[^,]*)", java.util.regex.Matcher.quoteReplacement(field))
                : ALL + "," + field;
        assertThatThrownBy(() -> decode(announcement(replaced))).isInstanceOf(DatagramException.class);
    }

    @Test
    void aRoomNameLongerThanTheLimitIsRefusedAndTheEncoderCutsIt() {
        String long65 = "r".repeat(DatagramCodec.MAX_ROOM + 1);
        assertThatThrownBy(() -> decode(announcement(ALL.replace("Team room", long65))))
                .isInstanceOf(DatagramException.class);
        String fitted = DatagramCodec.fitRoomName(long65);
        assertThat(fitted.codePointCount(0, fitted.length())).isEqualTo(DatagramCodec.MAX_ROOM);
        assertThat(fitted).endsWith("…");
        assertThat(DatagramCodec.fitRoomName("Tab\there\n")).isEqualTo("Tab here");
        assertThat(DatagramCodec.fitRoomName("a\u202Eb")).isEqualTo("a b");
    }
}
