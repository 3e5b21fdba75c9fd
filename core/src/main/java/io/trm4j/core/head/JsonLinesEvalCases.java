package io.trm4j.core.head;

import com.fasterxml.jackson.databind.JsonNode;
import io.trm4j.core.TrmException;
import io.trm4j.core.eval.EvalCase;

/**
 * A head that reads JSON-lines evaluation files (one case per line) besides CSV ones: the sequence
 * head reads {@code {"terms": [...], "family": "..."}} records.
 */
public interface JsonLinesEvalCases {
    /**
     * Turns one record of a JSON-lines evaluation file into a case: the input and the expected
     * answer in the task's text forms ({@code where} and {@code group} are the reader's). A record
     * that is not a valid case throws {@link InvalidInputException}: the line is counted as invalid.
     */
    EvalCase evalCase(JsonNode record, String where, String group);

    /** {@code head}'s reader; a head without one fails with a {@link TrmException} that ends the evaluation. */
    static JsonLinesEvalCases of(TaskHead<?, ?> head) {
        if (head instanceof JsonLinesEvalCases reader) {
            return reader;
        }
        throw new TrmException("the " + head.name() + " head reads CSV evaluation files only "
                + "(question,answer columns), not JSON lines");
    }
}
