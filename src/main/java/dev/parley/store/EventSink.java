package dev.parley.store;

import java.io.IOException;

/** Writes exported events somewhere, one at a time, oldest first. Used by one exporting thread. */
interface EventSink {
    void begin(long total) throws IOException;

    void event(StoredEvent event) throws IOException;

    void end() throws IOException;
}
