package io.trm4j.cli.serve;

import io.trm4j.cli.serve.LoadCase.Expected;
import io.trm4j.cli.serve.LoadCase.Kind;
import io.trm4j.cli.serve.LoadCase.Transport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static java.util.Objects.requireNonNull;

/**
 * A reproducible mix of valid and malformed solve requests (a seed picks each one): about 45%
 * single puzzles, 10% batches of 2-4, and the rest spread over the malformed kinds of
 * {@link Kind}, each in several forms.
 */
final class LoadMix {
    /** The answer a sequential run gave for puzzle {@code p} under request options {@code v}. */
    @FunctionalInterface
    interface Answers {
        Expected of(int p, int v);
    }

    private static final Kind[] MALFORMED = {Kind.BAD_JSON, Kind.WRONG_TYPE, Kind.UNKNOWN_FIELD, Kind.BAD_PUZZLE,
        Kind.WRONG_CONTENT_TYPE, Kind.EMPTY_BODY, Kind.TRUNCATED_BODY, Kind.OVERSIZE, Kind.UNKNOWN_PATH,
        Kind.WRONG_METHOD};

    private final String head;
    private final List<String> puzzles;
    private final List<String> variants;
    private final Answers answers;
    private final int maxBodyBytes;
    private final Random random;

    /**
     * @param variants     request option fields, each appended after the input (e.g. {@code , "max_steps": 3})
     * @param maxBodyBytes the server's body limit: oversize bodies exceed it by 1 byte to 40 KiB
     */
    LoadMix(String head, List<String> puzzles, List<String> variants, Answers answers, int maxBodyBytes, long seed) {
        this.head = requireNonNull(head, "head is null");
        this.puzzles = List.copyOf(puzzles);
        this.variants = List.copyOf(variants);
        this.answers = requireNonNull(answers, "answers is null");
        this.maxBodyBytes = maxBodyBytes;
        this.random = new Random(seed);
    }

    List<LoadCase> cases(int n) {
        List<LoadCase> out = new ArrayList<>(n);
        for (int id = 0; id < n; id++) {
            double r = random.nextDouble();
            out.add(r < 0.45 ? valid(id)
                    : r < 0.55 ? batch(id) : malformed(id, MALFORMED[random.nextInt(MALFORMED.length)]));
        }
        return out;
    }

    /** Only valid single-puzzle requests (the shutdown tests' load). */
    List<LoadCase> validCases(int n) {
        List<LoadCase> out = new ArrayList<>(n);
        for (int id = 0; id < n; id++) {
            out.add(valid(id));
        }
        return out;
    }

    private String solvePath() {
        return "/v1/solve/" + head;
    }

    private LoadCase valid(int id) {
        int p = random.nextInt(puzzles.size());
        int v = random.nextInt(variants.size());
        // The text form, or the same tokens as a JSON array: both must give the sequential answer.
        String input = random.nextBoolean() ? quote(puzzles.get(p)) : "[" + puzzles.get(p).replace(' ', ',') + "]";
        return json(id, Kind.VALID, solvePath(), "{\"input\": " + input + variants.get(v) + "}",
                List.of(answers.of(p, v)));
    }

    private LoadCase batch(int id) {
        int v = random.nextInt(variants.size());
        List<String> inputs = new ArrayList<>();
        List<Expected> expected = new ArrayList<>();
        for (int i = 2 + random.nextInt(3); i > 0; i--) {
            int p = random.nextInt(puzzles.size());
            inputs.add(quote(puzzles.get(p)));
            expected.add(answers.of(p, v));
        }
        return json(id, Kind.BATCH, solvePath() + ":batch", "{\"inputs\": " + inputs + variants.get(v) + "}", expected);
    }

    private LoadCase malformed(int id, Kind kind) {
        String p = quote(puzzles.get(random.nextInt(puzzles.size())));
        String ok = "{\"input\": " + p + "}";
        return switch (kind) {
            case BAD_JSON -> json(id, kind, solvePath(), pick("{\"input\": " + p, "{input: " + p + "}",
                    "{\"input\": " + p + ",}", "[", "nul", "{\"input\": \"\\q\"}", ok + " " + ok, ok + "x"), List.of());
            case WRONG_TYPE -> json(id, kind, solvePath(), pick("{\"input\": 42}", "{\"input\": true}",
                    "{\"input\": null}", "{\"input\": {\"tokens\": " + p + "}}", "\"" + head + "\"", "[" + ok + "]",
                    "{\"input\": " + p + ", \"max_steps\": \"four\"}", "{\"input\": " + p + ", \"max_steps\": 2.5}",
                    "{\"input\": " + p + ", \"trace\": \"yes\"}", "{\"input\": " + p + ", \"halting\": 7}",
                    "{\"input\": " + p + ", \"patience\": [1]}"), List.of());
            case UNKNOWN_FIELD -> json(id, kind, solvePath(), pick("{\"input\": " + p + ", \"max_step\": 3}",
                    "{\"puzzle\": " + p + "}", "{\"input\": " + p + ", \"x\": 1}"), List.of());
            case BAD_PUZZLE -> json(id, kind, solvePath(), pick("{\"input\": \"1 2 3\"}", "{\"input\": \"\"}",
                    "{\"input\": \"a b c d e f g h i j k l m n o p\"}",
                    "{\"input\": \"" + "9 ".repeat(16).strip() + "\"}"),
                    List.of());
            case WRONG_CONTENT_TYPE -> {
                int form = random.nextInt(3);
                String type = new String[] {"application/x-www-form-urlencoded", "application/xml",
                    "multipart/form-data; boundary=b"}[form];
                String body = new String[] {"input=" + unquote(p).replace(' ', '+'),
                    "<solve><input>" + unquote(p) + "</input></solve>",
                    "--b\r\nContent-Disposition: form-data; name=\"input\"\r\n\r\n" + unquote(p) + "\r\n--b--\r\n"}[form];
                yield new LoadCase(id, kind, "POST", solvePath(), type, bytes(body), Transport.PLAIN, List.of());
            }
            case EMPTY_BODY -> new LoadCase(id, kind, "POST", solvePath(), "application/json",
                    bytes(pick("", "  \n")), random.nextBoolean() ? Transport.PLAIN : Transport.CHUNKED, List.of());
            case TRUNCATED_BODY -> new LoadCase(id, kind, "POST", solvePath(), "application/json", bytes(ok),
                    Transport.TRUNCATED, List.of());
            case OVERSIZE -> new LoadCase(id, kind, "POST", solvePath(), "application/json",
                    bytes("{\"input\": \"" + " ".repeat(maxBodyBytes + random.nextInt(40 << 10)) + unquote(p) + "\"}"),
                    random.nextBoolean() ? Transport.PLAIN : Transport.CHUNKED, List.of());
            case UNKNOWN_PATH -> json(id, kind, pick("/v1/solve/sudoku", "/v1/solve/", "/v1/solve/" + head + "/x",
                    "/v2/solve/" + head, solvePath() + ":batches",
                    "/v1/solve/" + head.toUpperCase(java.util.Locale.ROOT), "/v1/models/" + head),
                    ok, List.of());
            case WRONG_METHOD -> new LoadCase(id, kind, pick("GET", "PUT", "DELETE"), solvePath(), "application/json",
                    bytes(ok), Transport.PLAIN, List.of());
            default -> throw new IllegalArgumentException(kind.toString());
        };
    }

    private static LoadCase json(int id, Kind kind, String path, String body, List<Expected> expected) {
        return new LoadCase(id, kind, "POST", path, "application/json", bytes(body), Transport.PLAIN, expected);
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    private static String unquote(String s) {
        return s.substring(1, s.length() - 1);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
