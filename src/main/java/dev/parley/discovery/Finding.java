package dev.parley.discovery;

import java.util.List;

/**
 * One sentence of the troubleshooter's answer, as a resource-bundle key and its arguments, so the
 * command line and the window say the same words.
 *
 * @param severity how much it matters; problems are listed first
 * @param rank     order among findings of one severity: the more likely cause first
 * @param key      the sentence's key in {@code dev/parley/app/messages.properties} ({@code doctor.*})
 * @param args     the sentence's {@link java.text.MessageFormat} arguments, as text
 */
public record Finding(Severity severity, int rank, String key, List<String> args) {

    /** How much a finding matters. */
    public enum Severity {
        /** Most likely why the room cannot be found or joined. */
        PROBLEM,
        /** May be why; worth a look. */
        HINT,
        /** A check that passed. */
        OK
    }

    public Finding {
        args = List.copyOf(args);
    }

    public static Finding of(Severity severity, int rank, String key, Object... args) {
        return new Finding(severity, rank, key, java.util.Arrays.stream(args).map(String::valueOf).toList());
    }
}
