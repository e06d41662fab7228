package dev.parley.protocol;

/**
 * Why a nick is refused ({@code nick_invalid}), each with the sentence the host sends. The order
 * of the constants is the order {@link NickRules#check} tests them in.
 */
public enum NickProblem {
    EMPTY("A name needs at least one character."),
    BROKEN_CHARACTER("A name cannot hold a broken character (half of a UTF-16 surrogate pair)."),
    TOO_LONG("A name can be at most " + Limits.MAX_NICK + " characters long."),
    INVISIBLE_CHARACTER("A name cannot hold invisible characters such as zero-width spaces, fillers, "
            + "variation selectors or direction marks."),
    OTHER_CHARACTER("A name can only hold letters, digits, spaces and _ - ."),
    NO_LETTER_OR_DIGIT("A name needs at least one letter or digit."),
    STRAY_MARK("An accent or other combining mark in a name must follow a letter or digit."),
    TOO_MANY_MARKS("A letter in a name can carry at most " + NickRules.MAX_MARKS_PER_BASE
            + " accents or other combining marks.");

    private final String sentence;

    NickProblem(String sentence) {
        this.sentence = sentence;
    }

    /** What is wrong, in a sentence a person can read; the {@code message} of the error. */
    public String sentence() {
        return sentence;
    }
}
