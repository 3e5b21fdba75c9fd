package io.trm4j.core.head;

import java.util.Map;

/**
 * An answer with a structured form beside its text rendering: the JSON of {@code trm solve --json}
 * and of the service gives it as {@code "structured"} (e.g. a maze's rows with width and height,
 * a sequence's terms as numbers). Answer types implement it; the head contract is unchanged.
 */
public interface StructuredAnswer {
    /**
     * Field name to value, in a stable order; values are what Jackson writes as plain JSON: numbers
     * ({@code BigInteger} included), strings, booleans, null, lists, maps and primitive arrays.
     */
    Map<String, Object> structured();
}
