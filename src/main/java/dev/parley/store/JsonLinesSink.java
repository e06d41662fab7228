package dev.parley.store;

import java.io.IOException;
import java.io.OutputStream;

/** The frames as they were on the wire, byte for byte, one per line. */
final class JsonLinesSink implements EventSink {
    private final OutputStream out;

    JsonLinesSink(OutputStream out) {
        this.out = out;
    }

    @Override
    public void begin(long total) {
    }

    @Override
    public void event(StoredEvent event) throws IOException {
        byte[] frame = event.frame();
        out.write(frame);
        if (frame.length == 0 || frame[frame.length - 1] != '\n') {
            out.write('\n');
        }
    }

    @Override
    public void end() throws IOException {
        out.flush();
    }
}
