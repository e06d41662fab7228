package dev.parley.protocol;

/** Why a message text is refused ({@code text_invalid}), each with the sentence the host sends. */
public enum TextProblem {
    EMPTY("A message cannot be empty."),
    BROKEN_CHARACTER("A message cannot hold a broken character (half of a UTF-16 surrogate pair)."),
    TOO_LONG("A message can be at most " + Limits.MAX_TEXT + " characters long."),
    BLANK("A message needs at least one visible character; spaces and invisible characters alone are not a message.");

    private final String sentence;

    TextProblem(String sentence) {
        this.sentence = sentence;
    }

    /** What is wrong, in a sentence a person can read; the {@code message} of the error. */
    public String sentence() {
        return sentence;
    }
}
