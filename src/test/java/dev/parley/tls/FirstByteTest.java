package dev.parley.tls;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** One port, two languages: the first byte tells them apart, and nothing read to decide is lost. */
@Timeout(30)
class FirstByteTest {
    @Test
    void aClientHelloIsTlsAndJsonLinesArePlaintext() {
        assertThat(FirstByte.classify((byte) 0x16)).isEqualTo(FirstByte.Kind.TLS);
        for (char c : new char[] {'{', ' ', '\t', '\r', '\n'}) {
            assertThat(FirstByte.classify((byte) c)).as("%s", (int) c).isEqualTo(FirstByte.Kind.PLAINTEXT);
        }
        for (int b : new int[] {0x15, 0x17, 0x80, 'G', '[', 0, 0xff}) {
            assertThat(FirstByte.classify((byte) b)).as("%s", b).isEqualTo(FirstByte.Kind.UNKNOWN);
        }
    }

    @Test
    void aPlaintextPeerIsToldTlsIsRequiredInOneLineItCanParse() throws Exception {
        FrameCodec codec = new FrameCodec();
        byte[] line = FirstByte.tlsRequiredLine(codec);
        assertThat(line[line.length - 1]).isEqualTo((byte) '\n');
        String text = new String(line, StandardCharsets.UTF_8);
        assertThat(text.strip()).doesNotContain("\n").startsWith("{\"type\":\"error\",\"code\":\"tls_required\"");
        Frame frame = codec.decode(line, 0, line.length - 1);
        assertThat(frame).isInstanceOf(Frame.Error.class);
        Frame.Error error = (Frame.Error) frame;
        assertThat(error.known()).isEqualTo(ErrorCode.TLS_REQUIRED);
        assertThat(ErrorCode.TLS_REQUIRED.closes()).isTrue();
        assertThat(error.message()).isEqualTo(FirstByte.TLS_REQUIRED_MESSAGE);
    }

    @Test
    void theReplayChannelGivesBackTheSniffedBytesThenTheRest() throws IOException {
        Pipe pipe = Pipe.open();
        pipe.sink().write(ByteBuffer.wrap("llo\n".getBytes(StandardCharsets.UTF_8)));
        pipe.sink().close();
        try (var source = pipe.source()) {
            ByteChannelOverPipe raw = new ByteChannelOverPipe(source);
            ReplayChannel replay = new ReplayChannel(ByteBuffer.wrap("xxhe".getBytes(StandardCharsets.UTF_8), 2, 2), raw);
            assertThat(replay.hasPrefix()).isTrue();
            ByteBuffer one = ByteBuffer.allocate(1);
            assertThat(replay.read(one)).isEqualTo(1);
            ByteBuffer rest = ByteBuffer.allocate(64);
            assertThat(replay.read(rest)).isEqualTo(1);
            assertThat(replay.hasPrefix()).isFalse();
            while (replay.read(rest) > 0) {
                // drain the pipe
            }
            assertThat(new String(one.array(), 0, 1, StandardCharsets.UTF_8)
                    + new String(rest.array(), 0, rest.position(), StandardCharsets.UTF_8)).isEqualTo("hello\n");
            assertThat(replay.read(rest)).isEqualTo(-1);
        }
    }

    /** A readable pipe end as a ByteChannel (writes are not used here). */
    private record ByteChannelOverPipe(Pipe.SourceChannel source) implements java.nio.channels.ByteChannel {
        @Override
        public int read(ByteBuffer dst) throws IOException {
            return source.read(dst);
        }

        @Override
        public int write(ByteBuffer src) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isOpen() {
            return source.isOpen();
        }

        @Override
        public void close() throws IOException {
            source.close();
        }
    }
}
