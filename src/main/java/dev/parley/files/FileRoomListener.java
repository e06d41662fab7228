package dev.parley.files;

import java.util.List;

/**
 * How the store's news reaches the room. Both methods are called on a transfer thread (a virtual
 * thread the server started for a transfer connection), never on the event loop: an
 * implementation hands the news to the loop (a queue and a selector wake-up) and returns.
 */
public interface FileRoomListener {
    /** A file was uploaded, verified and stored: the room gets its sequenced {@code file} event. */
    void stored(StoredFile file);

    /** Stored files were evicted to make room: connections granted {@code files} get {@code file_gone}. */
    void evicted(List<String> sha256s);
}
