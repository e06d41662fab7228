package dev.parley.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
class TransferCodecTest {
    private static final String TOKEN = "0123456789abcdef0123456789abcdef";
    private static final String SHA = "ab".repeat(32);

    private final TransferCodec codec = new TransferCodec();

    @Test
    void handshakesRoundTrip() throws IOException {
        var upload = new TransferLine.Upload(TOKEN);
        var download = new TransferLine.Download(TOKEN, SHA, 42);

        assertThat(codec.handshake(line(upload))).contains(upload);
        assertThat(codec.handshake(line(download))).contains(download);
        assertThat(line(upload)).isEqualTo("{\"type\":\"upload\",\"v\":1,\"token\":\"" + TOKEN + "\"}");
    }

    @Test
    void hostLinesRoundTrip() throws IOException {
        for (TransferLine line : new TransferLine[]{new TransferLine.Ready(10, 20), new TransferLine.Done(SHA, 20),
                new TransferLine.Refused(FileProblem.FILE_GONE, "It is gone.")}) {
            assertThat(codec.hostLine(line(line))).isEqualTo(line);
        }
        assertThat(((TransferLine.Refused) codec.hostLine("{\"type\":\"error\",\"code\":\"new_code\"}")).problem())
                .isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"hello\",\"v\":1,\"nick\":\"alice\"}", "not json", "[1,2]", "{\"v\":1}", "{\"type\":5}", "",
            "{\"type\":\"Upload\",\"v\":1}"})
    void aChatHelloOrAnythingElseIsNotAHandshake(String line) throws IOException {
        assertThat(codec.handshake(line)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"upload\",\"token\":\"0123456789abcdef0123456789abcdef\"}",
            "{\"type\":\"upload\",\"v\":2,\"token\":\"0123456789abcdef0123456789abcdef\"}",
            "{\"type\":\"upload\",\"v\":\"1\",\"token\":\"0123456789abcdef0123456789abcdef\"}",
            "{\"type\":\"upload\",\"v\":1,\"token\":\"../../../../etc/passwd\"}",
            "{\"type\":\"upload\",\"v\":1,\"token\":\"0123456789ABCDEF0123456789ABCDEF\"}",
            "{\"type\":\"upload\",\"v\":1,\"token\":12345}",
            "{\"type\":\"download\",\"v\":1,\"key\":\"0123456789abcdef0123456789abcdef\",\"offset\":0}",
            "{\"type\":\"download\",\"v\":1,\"key\":\"0123456789abcdef0123456789abcdef\",\"sha256\":\"../x\",\"offset\":0}",
            "{\"type\":\"download\",\"v\":1,\"key\":\"0123456789abcdef0123456789abcdef\",\"sha256\":\""
                    + "abababababababababababababababababababababababababababababababab\",\"offset\":-1}",
            "{\"type\":\"download\",\"v\":1,\"key\":\"0123456789abcdef0123456789abcdef\",\"sha256\":\""
                    + "abababababababababababababababababababababababababababababababab\",\"offset\":\"5\"}",
            "{\"type\":\"download\",\"v\":1,\"key\":\"0123456789abcdef0123456789abcdef\",\"sha256\":\""
                    + "abababababababababababababababababababababababababababababababab\",\"offset\":1.5}",
            "{\"type\":\"download\",\"v\":1,\"key\":\"0123456789abcdef0123456789abcdef\",\"sha256\":\""
                    + "abababababababababababababababababababababababababababababababab\",\"offset\":99999999999999999999}"})
    void aMalformedHandshakeIsBadHandshake(String line) {
        assertThatThrownBy(() -> codec.handshake(line)).isInstanceOfSatisfying(TransferProtocolException.class,
                e -> assertThat(e.problem()).isEqualTo(FileProblem.BAD_HANDSHAKE));
    }

    @Test
    void readingALineLeavesTheBytesAfterItForTheFile() throws IOException {
        InputStream in = stream("{\"type\":\"ready\",\"offset\":0,\"size\":3}\r\nabc");

        assertThat(TransferCodec.readLine(in)).isEqualTo("{\"type\":\"ready\",\"offset\":0,\"size\":3}");
        assertThat(in.readAllBytes()).isEqualTo("abc".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aLineTooLongOrNotUtf8IsBadHandshakeAndAnEarlyEndIsEof() {
        assertThatThrownBy(() -> TransferCodec.readLine(stream("x".repeat(TransferCodec.MAX_LINE + 1) + "\n")))
                .isInstanceOf(TransferProtocolException.class);
        assertThatThrownBy(() -> TransferCodec.readLine(new ByteArrayInputStream(new byte[]{(byte) 0xC3, '\n'})))
                .isInstanceOf(TransferProtocolException.class);
        assertThatThrownBy(() -> TransferCodec.readLine(stream("{\"type\":"))).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> TransferCodec.readLine(stream(""))).isInstanceOf(EOFException.class);
    }

    private String line(TransferLine line) {
        String encoded = new String(codec.encode(line), StandardCharsets.UTF_8);
        assertThat(encoded).endsWith("\n");
        return encoded.substring(0, encoded.length() - 1);
    }

    private static InputStream stream(String s) {
        return new BufferedInputStream(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)));
    }
}
