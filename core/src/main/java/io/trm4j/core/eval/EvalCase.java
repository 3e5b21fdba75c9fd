package io.trm4j.core.eval;

import static java.util.Objects.requireNonNull;

/**
 * One labelled puzzle of an evaluation file.
 *
 * @param where     where it came from, for error messages (e.g. {@code file.csv:12})
 * @param input     the puzzle in the head's text form
 * @param expected  the expected answer in the head's text form
 * @param group     the class it is reported under (e.g. a difficulty), or {@code "all"}
 * @param rejection why the record was rejected while reading (e.g. a line that is not JSON), or
 *                  null; a rejected case is counted as invalid input, never run
 */
public record EvalCase(String where, String input, String expected, String group, String rejection) {
    /** The group of a case in a file that names none: the report's one class. */
    public static final String NO_GROUP = "all";

    public EvalCase {
        requireNonNull(where, "where is null");
        requireNonNull(input, "input is null");
        requireNonNull(expected, "expected is null");
        requireNonNull(group, "group is null");
    }

    public EvalCase(String where, String input, String expected, String group) {
        this(where, input, expected, group, null);
    }

    /** A record that could not be read as a case; the evaluation counts it as invalid input. */
    public static EvalCase rejected(String where, String why) {
        return new EvalCase(where, "", "", "(none)", requireNonNull(why, "why is null"));
    }

    public boolean isRejected() {
        return rejection != null;
    }
}
