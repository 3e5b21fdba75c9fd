package io.trm4j.core.eval;

import static java.util.Objects.requireNonNull;

/**
 * One labelled puzzle of an evaluation file.
 *
 * @param where    where it came from, for error messages (e.g. {@code file.csv:12})
 * @param input    the puzzle in the head's text form
 * @param expected the expected answer in the head's text form
 * @param group    the class it is reported under (e.g. a difficulty), or {@code "all"}
 */
public record EvalCase(String where, String input, String expected, String group) {
    public EvalCase {
        requireNonNull(where, "where is null");
        requireNonNull(input, "input is null");
        requireNonNull(expected, "expected is null");
        requireNonNull(group, "group is null");
    }
}
