package io.trm4j.core.testing;

import io.trm4j.core.TrmException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The fuzzing invariant of issue 8 and the generators shared by the heads' properties: a parser
 * given anything either returns a value or throws a {@link TrmException} (usually
 * {@code InvalidInputException}) with a non-blank message; any other exception, or a call that
 * takes longer than {@link #LIMIT_S} seconds (a hang), fails the property.
 */
public final class Fuzz {
    public static final int LIMIT_S = 10;
    /** Calls checked in this JVM, for the long run's figures. */
    public static final AtomicLong CALLS = new AtomicLong();
    private static final AtomicLong VALUES = new AtomicLong();
    private static final AtomicLong ERRORS = new AtomicLong();
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fuzz-call");
        t.setDaemon(true);
        return t;
    });

    private Fuzz() {
    }

    /** Runs {@code call}; returns its value, or null when it threw a clear {@link TrmException}. */
    public static <T> T typedOrValid(String what, Supplier<T> call) {
        CALLS.incrementAndGet();
        Future<T> f = POOL.submit(call::get);
        try {
            T value = f.get(LIMIT_S, TimeUnit.SECONDS);
            VALUES.incrementAndGet();
            return value;
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new AssertionError(what + ": no answer within " + LIMIT_S + " s (a hang)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(what + ": interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TrmException && cause.getMessage() != null && !cause.getMessage().isBlank()) {
                ERRORS.incrementAndGet();
                return null;
            }
            throw new AssertionError(what + ": threw " + cause.getClass().getName() + " (not a TrmException "
                    + "with a message): " + cause.getMessage(), cause);
        }
    }

    /** Prints (for the long run's figures) and resets the counts: calls, values returned, clear errors. */
    public static void report(String suite) {
        String line = "fuzz " + suite + ": " + CALLS.getAndSet(0) + " calls, " + VALUES.getAndSet(0)
                + " values, " + ERRORS.getAndSet(0) + " clear errors";
        System.out.println(line);
        try { // surefire may not show output printed after the last test: keep it in target/ too
            java.nio.file.Files.writeString(java.nio.file.Path.of("target", "fuzz-report.txt"), line + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            System.out.println("(could not append to target/fuzz-report.txt: " + e + ")");
        }
    }

    /** Any string: any code points (surrogates included), biased to short ones. */
    public static Arbitrary<String> anyString() {
        return Arbitraries.strings().all().ofMaxLength(300);
    }

    /** Strings over the characters that the text formats give meaning to. */
    public static Arbitrary<String> syntax(String alphabet, int maxLength) {
        return Arbitraries.strings().withChars(alphabet.toCharArray()).ofMaxLength(maxLength);
    }

    /** {@code valid} with 1..8 random edits (insert, delete, replace, duplicate a slice). */
    public static Arbitrary<String> mutated(List<String> valid, String alphabet) {
        return Arbitraries.randomValue(random -> mutate(valid.get(random.nextInt(valid.size())), alphabet, random));
    }

    /** A big input whose report is short (jqwik prints failing samples whole). */
    public record Big(String text) {
        @Override
        public String toString() {
            return text.length() <= 80 ? text : text.substring(0, 80) + "... (" + text.length() + " chars)";
        }
    }

    /** Big inputs: a valid sample or a syntax character repeated 10^3..3*10^5 times, or nested brackets. */
    public static Arbitrary<Big> huge(List<String> valid, String alphabet) {
        return Arbitraries.randomValue(random -> new Big(hugeText(valid, alphabet, random)));
    }

    private static String hugeText(List<String> valid, String alphabet, Random random) {
        {
            int n = 1000 * (1 + random.nextInt(300));
            switch (random.nextInt(4)) {
                case 0:
                    return valid.get(random.nextInt(valid.size())).repeat(Math.max(1, n / 100));
                case 1:
                    return String.valueOf(alphabet.charAt(random.nextInt(alphabet.length()))).repeat(n);
                case 2:
                    return "[".repeat(n / 10) + "]".repeat(random.nextInt(n / 10 + 1));
                default:
                    return "{\"a\":".repeat(n / 10) + "1" + "}".repeat(random.nextInt(n / 10 + 1));
            }
        }
    }

    /** JSON-shaped text: nested objects and arrays whose keys are the formats' field names. */
    public static Arbitrary<String> json(List<String> keys) {
        return Arbitraries.randomValue(random -> {
            StringBuilder sb = new StringBuilder();
            jsonValue(sb, keys, random, 0);
            return sb.toString();
        });
    }

    private static void jsonValue(StringBuilder sb, List<String> keys, Random random, int depth) {
        int kind = random.nextInt(depth > 4 ? 6 : 8);
        switch (kind) {
            case 0 -> sb.append(random.nextInt(21) - 5);
            case 1 -> sb.append(random.nextBoolean() ? "null" : "true");
            case 2 -> sb.append(random.nextLong()).append(random.nextBoolean() ? "123456789012345678901234567890" : "");
            case 3 -> sb.append(random.nextDouble() * 1e6 - 5e5);
            case 4, 5 -> sb.append('"').append(sampleText(random)).append('"');
            case 6 -> {
                sb.append('[');
                int n = random.nextInt(12);
                for (int i = 0; i < n; i++) {
                    sb.append(i > 0 ? "," : "");
                    jsonValue(sb, keys, random, depth + 1);
                }
                sb.append(']');
            }
            default -> {
                sb.append('{');
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    sb.append(i > 0 ? "," : "").append('"').append(keys.get(random.nextInt(keys.size()))).append("\":");
                    jsonValue(sb, keys, random, depth + 1);
                }
                sb.append('}');
            }
        }
    }

    /**
     * {@code valid} JSON documents with 1..6 tree edits: a field or element removed, replaced by a
     * value of another type or range, or a field added; half of the results are then also mutated
     * as text. Returns the text.
     */
    public static Arbitrary<String> mutatedJson(List<String> valid) {
        ObjectMapper mapper = new ObjectMapper();
        return Arbitraries.randomValue(random -> {
            try {
                JsonNode root = mapper.readTree(valid.get(random.nextInt(valid.size())));
                int edits = 1 + random.nextInt(6);
                for (int e = 0; e < edits; e++) {
                    root = editTree(root, random, mapper);
                }
                String text = mapper.writeValueAsString(root);
                return random.nextBoolean() ? text : mutate(text, "{}[]\",:0123456789-.eE ", random);
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException(ex);
            }
        });
    }

    private static JsonNode editTree(JsonNode root, Random random, ObjectMapper mapper) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        if (containers.isEmpty()) {
            return oddValue(random, mapper);
        }
        JsonNode target = containers.get(random.nextInt(containers.size()));
        if (target instanceof ObjectNode obj) {
            List<String> names = new ArrayList<>();
            obj.fieldNames().forEachRemaining(names::add);
            String name = names.isEmpty() || random.nextInt(5) == 0 ? "extra" + random.nextInt(3)
                    : names.get(random.nextInt(names.size()));
            if (random.nextInt(4) == 0) {
                obj.remove(name);
            } else {
                obj.set(name, oddValue(random, mapper));
            }
        } else if (target instanceof ArrayNode arr && arr.size() > 0) {
            int i = random.nextInt(arr.size());
            if (random.nextInt(4) == 0) {
                arr.remove(i);
            } else {
                arr.set(i, oddValue(random, mapper));
            }
        }
        return root;
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            node.forEach(child -> collect(child, out));
        }
    }

    private static JsonNode oddValue(Random random, ObjectMapper mapper) {
        String[] values = {"null", "0", "-1", "1", "2", "3", "7", "2147483647", "2147483648", "-2147483649",
            "9223372036854775808", "1e308", "-0.0", "1.5", "true", "\"\"", "\"x\"", "\"../../etc/passwd\"",
            "\"cell.onnx\"", "\"\\u0000\"", "[]", "{}", "[1,2,3]", "{\"a\":1}", "[[[[[[[[[[]]]]]]]]]]",
            "\"" + "x".repeat(10000) + "\""};
        try {
            return mapper.readTree(values[random.nextInt(values.length)]);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sampleText(Random random) {
        String[] parts = {"", "1 2 3", "#S G#", "..3.", "?", "\\n", "\\u0000", "9,9", "é", "\\ud800"};
        return parts[random.nextInt(parts.length)].repeat(1 + random.nextInt(30));
    }

    static String mutate(String s, String alphabet, Random random) {
        StringBuilder sb = new StringBuilder(s);
        int edits = 1 + random.nextInt(8);
        for (int e = 0; e < edits; e++) {
            int at = sb.length() == 0 ? 0 : random.nextInt(sb.length());
            char c = random.nextInt(10) == 0 ? (char) random.nextInt(0x10000) : alphabet.charAt(random.nextInt(alphabet.length()));
            switch (random.nextInt(4)) {
                case 0 -> sb.insert(at, c);
                case 1 -> {
                    if (sb.length() > 0) {
                        sb.deleteCharAt(at);
                    }
                }
                case 2 -> {
                    if (sb.length() > 0) {
                        sb.setCharAt(at, c);
                    }
                }
                default -> {
                    int end = Math.min(sb.length(), at + random.nextInt(20));
                    sb.insert(at, sb.substring(at, end));
                }
            }
        }
        return sb.toString();
    }
}
