package dev.parley.store;

/** Another process, or another store in this one, holds the folder's lock: a second host on one folder. */
public final class FolderInUseException extends StoreException {
    public FolderInUseException(String sentence) {
        super(sentence);
    }
}
