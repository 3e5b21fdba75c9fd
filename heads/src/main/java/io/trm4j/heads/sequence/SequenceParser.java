package io.trm4j.heads.sequence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trm4j.core.head.InvalidInputException;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static io.trm4j.heads.sequence.SequenceInput.ANSWER_LIMIT;
import static io.trm4j.heads.sequence.SequenceInput.GIVEN_LIMIT;
import static io.trm4j.heads.sequence.SequenceInput.MAX_K;
import static io.trm4j.heads.sequence.SequenceInput.MAX_TERMS;
import static io.trm4j.heads.sequence.SequenceInput.MIN_TERMS;

/**
 * Reads a sequence in the head's two input forms:
 * <ul>
 *   <li>text: integers separated by commas and/or spaces, optionally in {@code [ ]}, optionally
 *       ending with one {@code ?} per term to predict: {@code 2, 4, 8, 16, ?} (k = 1, also without
 *       the {@code ?}), {@code 1 2 3 ? ?} (k = 2); a Unicode minus is read as {@code -};</li>
 *   <li>JSON: {@code {"terms": [2, 4, 8, 16], "k": 1, "expected": [32]}}, where {@code k}
 *       (default: the number of expected terms, else 1) and {@code expected} (a number or a list)
 *       are optional and other fields (id, name, family) are ignored.</li>
 * </ul>
 * Every error says what and where, e.g. {@code term 4 ('12x') is not an integer}.
 */
final class SequenceParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SEPARATORS = Pattern.compile("\\s*,\\s*|\\s+");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    /** Longer integers are out of range for certain, and slow to parse as BigInteger. */
    private static final int MAX_DIGITS = 30;
    private static final String EXAMPLE = "e.g. '2, 4, 8, 16, ?' or {\"terms\": [2, 4, 8, 16]}";

    private SequenceParser() {
    }

    static SequenceInput parse(String text) {
        String s = text == null ? "" : text.strip();
        if (s.startsWith("{")) {
            return parseJson(s);
        }
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1).strip();
        }
        if (s.isEmpty()) {
            throw new InvalidInputException("no terms given: write " + MIN_TERMS + " to " + MAX_TERMS
                    + " integers, " + EXAMPLE);
        }
        String[] parts = SEPARATORS.split(s.replace("?", " ? ").strip());
        List<Long> terms = new ArrayList<>();
        int asks = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.equals("?")) {
                asks++;
            } else if (p.isEmpty()) {
                throw new InvalidInputException("term " + (i + 1) + " is empty (two commas in a row?)");
            } else if (asks > 0) {
                throw new InvalidInputException("term " + (i + 1) + " ('" + p + "') follows a '?': the '?' "
                        + "marking the terms to predict must come last, " + EXAMPLE);
            } else {
                terms.add(given(i + 1, integer(i + 1, p)));
            }
        }
        if (asks > MAX_K) {
            throw new InvalidInputException("too many '?': " + asks + ", at most " + MAX_K + " terms can be predicted");
        }
        return build(terms, Math.max(1, asks), List.of());
    }

    private static SequenceInput parseJson(String s) {
        JsonNode root;
        try {
            root = JSON.readTree(s);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("JSON input must be an object, " + EXAMPLE);
        }
        List<Long> terms = new ArrayList<>();
        List<BigInteger> raw = jsonTerms(root);
        for (int i = 0; i < raw.size(); i++) {
            terms.add(given(i + 1, raw.get(i)));
        }
        List<Long> expected = expected(root.get("expected"));
        JsonNode kNode = root.get("k");
        int k;
        if (kNode == null || kNode.isNull()) {
            k = Math.max(1, expected.size());
        } else if (kNode.isIntegralNumber() && kNode.canConvertToInt() && kNode.asInt() >= 1 && kNode.asInt() <= MAX_K) {
            k = kNode.asInt();
        } else {
            throw new InvalidInputException("\"k\" must be an integer from 1 to " + MAX_K + ", got " + kNode);
        }
        if (expected.size() > k) {
            throw new InvalidInputException("\"expected\" has " + expected.size() + " terms but k is " + k);
        }
        return build(terms, k, expected);
    }

    /**
     * The {@code terms} array of a JSON object as exact integers (any count, no range check):
     * fails naming the first element that is not an integer.
     */
    static List<BigInteger> jsonTerms(JsonNode root) {
        JsonNode arr = root.get("terms");
        if (arr == null || !arr.isArray()) {
            throw new InvalidInputException("JSON input needs \"terms\": an array of integers, " + EXAMPLE);
        }
        List<BigInteger> out = new ArrayList<>(arr.size());
        for (int i = 0; i < arr.size(); i++) {
            JsonNode t = arr.get(i);
            if (!t.isIntegralNumber()) {
                throw new InvalidInputException("term " + (i + 1) + " (" + t + ") is not an integer");
            }
            out.add(t.bigIntegerValue());
        }
        return out;
    }

    /** Expected terms in text form ({@code 32}, {@code 4, 5}): 1 to 3 integers, each {@code |a| < 10^7}. */
    static List<Long> parseExpected(String text) {
        String s = text == null ? "" : text.strip();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1).strip();
        }
        if (s.isEmpty()) {
            throw new InvalidInputException("no expected term given");
        }
        String[] parts = SEPARATORS.split(s);
        if (parts.length > MAX_K) {
            throw new InvalidInputException("too many expected terms: " + parts.length + ", at most " + MAX_K);
        }
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            out.add(answer("expected term " + (i + 1), integer(i + 1, parts[i])));
        }
        return out;
    }

    private static List<Long> expected(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else {
            items.add(node);
        }
        if (items.isEmpty() || items.size() > MAX_K) {
            throw new InvalidInputException("\"expected\" must hold 1 to " + MAX_K + " integers, got " + items.size());
        }
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode t = items.get(i);
            if (!t.isIntegralNumber()) {
                throw new InvalidInputException("expected term " + (i + 1) + " (" + t + ") is not an integer");
            }
            out.add(answer("expected term " + (i + 1), t.bigIntegerValue()));
        }
        return out;
    }

    private static SequenceInput build(List<Long> terms, int k, List<Long> expected) {
        if (terms.size() > MAX_TERMS) {
            throw new InvalidInputException("too many terms: " + terms.size() + ", at most " + MAX_TERMS);
        }
        if (terms.size() < MIN_TERMS) {
            throw new InvalidInputException("too few terms: " + terms.size() + ", at least " + MIN_TERMS
                    + " (" + EXAMPLE + ")");
        }
        return new SequenceInput(terms, k, expected);
    }

    private static BigInteger integer(int position, String text) {
        String t = text.replace('\u2212', '-');
        if (!INTEGER.matcher(t).matches()) {
            throw new InvalidInputException("term " + position + " ('" + shorten(text) + "') is not an integer");
        }
        int significant = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c >= '1' && c <= '9' || c == '0' && significant > 0) {
                significant++;
            }
        }
        if (significant > MAX_DIGITS) { // parsing (and printing) a huge BigInteger takes quadratic time
            throw new InvalidInputException("term " + position + " ('" + shorten(text) + "') is out of range: "
                    + significant + " digits");
        }
        return new BigInteger(t.startsWith("+") ? t.substring(1) : t);
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 20) + "..." + text.substring(text.length() - 10)
                + " (" + text.length() + " characters)";
    }

    private static long given(int position, BigInteger v) {
        if (v.abs().compareTo(BigInteger.valueOf(GIVEN_LIMIT)) >= 0) {
            throw new InvalidInputException("term " + position + " (" + v + ") is out of range: |a| must be < "
                    + GIVEN_LIMIT);
        }
        return v.longValueExact();
    }

    private static long answer(String what, BigInteger v) {
        if (v.abs().compareTo(BigInteger.valueOf(ANSWER_LIMIT)) >= 0) {
            throw new InvalidInputException(what + " (" + v + ") is out of range: |a| must be < " + ANSWER_LIMIT);
        }
        return v.longValueExact();
    }
}
