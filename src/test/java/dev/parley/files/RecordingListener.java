package dev.parley.files;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what the host announced, as the server's hand-over to its loop would. */
final class RecordingListener implements FileRoomListener {
    final List<StoredFile> stored = new CopyOnWriteArrayList<>();
    final List<String> evicted = new CopyOnWriteArrayList<>();

    @Override
    public void stored(StoredFile file) {
        stored.add(file);
    }

    @Override
    public void evicted(List<String> sha256s) {
        evicted.addAll(sha256s);
    }
}
