package dev.parley.store;

/**
 * The history could not be opened, read or written. {@link #getMessage()} is a sentence an operator
 * can act on; the cause, when there is one, carries the detail for the log.
 */
public class StoreException extends Exception {
    public StoreException(String sentence) {
        super(sentence);
    }

    public StoreException(String sentence, Throwable cause) {
        super(sentence, cause);
    }
}
