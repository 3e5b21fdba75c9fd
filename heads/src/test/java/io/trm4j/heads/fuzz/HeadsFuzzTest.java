package io.trm4j.heads.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trm4j.core.head.TaskHead;
import io.trm4j.core.model.ModelInfo;
import io.trm4j.core.testing.Fuzz;
import io.trm4j.heads.arc.ArcHead;
import io.trm4j.heads.maze.MazeHead;
import io.trm4j.heads.sequence.SequenceHead;
import io.trm4j.heads.sudoku.SudokuHead;
import io.trm4j.heads.tokens.TokensHead;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

import java.util.List;
import java.util.Map;

/**
 * Issue 8, fuzzing: every head's (sudoku, maze, sequence, tokens, arc) {@code parse} (text and JSON forms), then {@code encode} against a
 * model of that head, and the sequence head's JSON-lines {@code evalCase}, given random strings,
 * syntax-heavy strings, mutated valid inputs, random JSON and huge or deeply nested inputs: a value
 * or a {@code TrmException} with a message, never another exception or a hang. Tries: 200 per
 * property ({@code junit-platform.properties}); {@code -Djqwik.tries.default=N} for a long run.
 */
class HeadsFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUDOKU = "53..7....6..195....98....6.8...6...34..8.3..17...2...6.6....28....419..5....8..79";
    private static final List<String> SUDOKU_VALID = List.of(SUDOKU,
            SUDOKU.replaceAll("(.{9})", "$1\n"),
            "{\"puzzle\": \"" + SUDOKU + "\"}",
            "[[5,3,0,0,7,0,0,0,0],[6,0,0,1,9,5,0,0,0],[0,9,8,0,0,0,0,6,0],[8,0,0,0,6,0,0,0,3],[4,0,0,8,0,3,0,0,1],"
                    + "[7,0,0,0,2,0,0,0,6],[0,6,0,0,0,0,2,8,0],[0,0,0,4,1,9,0,0,5],[0,0,0,0,8,0,0,7,9]]",
            "5 3 . | . 7 . | . . .\n6 . . | 1 9 5 | . . .\n. 9 8 | . . . | . 6 .\n------+-------+------\n"
                    + "8 . . | . 6 . | . . 3\n4 . . | 8 . 3 | . . 1\n7 . . | . 2 . | . . 6\n------+-------+------\n"
                    + ". 6 . | . . . | 2 8 .\n. . . | 4 1 9 | . . 5\n. . . | . 8 . | . 7 9");
    private static final String MAZE = "#####\n#S  #\n# # #\n#  G#\n#####";
    private static final List<String> MAZE_VALID = List.of(MAZE, MAZE.replace("\n", ""),
            "{\"maze\": \"" + MAZE.replace("\n", "") + "\", \"width\": 5}",
            "{\"grid\": [\"#####\", \"#S  #\", \"# # #\", \"#  G#\", \"#####\"]}",
            "[\"#####\", \"#So #\", \"#o# #\", \"#ooG#\", \"#####\"]");
    private static final List<String> SEQUENCE_VALID = List.of("2, 4, 8, 16, ?", "1 1 2 3 5 8 ? ?",
            "{\"terms\": [1, 4, 9, 16], \"k\": 2}", "{\"terms\": [3, 5, 7], \"expected\": [9]}", "-7, -5, -3, ?");
    private static final List<String> TOKENS_VALID = List.of("1 2 3 4 5 6 7 8", "[0,1,2,3,4,5,6,7]", "1,2, 3 ,4");
    private static final List<String> ARC_VALID = List.of(
            "{\"train\": [{\"input\": [[0, 1], [1, 0]], \"output\": [[1, 0], [0, 1]]}], "
                    + "\"test\": [{\"input\": [[0, 1], [1, 1]], \"output\": [[1, 0], [0, 0]]}]}",
            "{\"id\": \"007bbfb7\", \"train\": [{\"input\": [[5]], \"output\": [[5, 5], [5, 5]]}], "
                    + "\"test\": [{\"input\": [[3, 4, 9]]}]}");
    private static final List<String> KEYS = List.of("train", "test", "input", "output", "puzzle", "maze", "grid",
            "width", "terms", "k", "expected", "tokens", "id", "");

    private static final ModelInfo SUDOKU_MODEL = model("sudoku", 81, 11);
    private static final ModelInfo MAZE_MODEL = model("maze", 25, 6);
    private static final ModelInfo SEQUENCE_MODEL = model("sequence", 120, 16);
    private static final ModelInfo TOKENS_MODEL = model("tokens", 8, 12);
    private static final ModelInfo ARC_MODEL = new ModelInfo("arc-fuzz", "arc", "", "attention", 1, List.of(), 900,
            916, 16, 12, 16, Map.of("<blank>", 0L, "007bbfb7", 1L), "fuzz");

    @AfterContainer
    static void report() {
        Fuzz.report("HeadsFuzzTest");
    }

    @Property
    void sudoku(@ForAll("sudokuInputs") String text) {
        parseAndEncode(new SudokuHead(), SUDOKU_MODEL, text);
    }

    @Property
    void maze(@ForAll("mazeInputs") String text) {
        parseAndEncode(new MazeHead(), MAZE_MODEL, text);
    }

    @Property
    void sequence(@ForAll("sequenceInputs") String text) {
        SequenceHead head = new SequenceHead();
        parseAndEncode(head, SEQUENCE_MODEL, text);
        JsonNode record = Fuzz.typedOrValid("readTree", () -> {
            try {
                return JSON.readTree(text);
            } catch (Exception e) {
                return null; // not JSON: evalCase is only given parsed records
            }
        });
        Fuzz.typedOrValid("sequence evalCase of " + abbreviate(text), () -> head.evalCase(record, "line 1", "g"));
    }

    @Property
    void tokens(@ForAll("tokensInputs") String text) {
        parseAndEncode(new TokensHead(), TOKENS_MODEL, text);
    }

    @Property
    void arc(@ForAll("arcInputs") String text) {
        parseAndEncode(new ArcHead(), ARC_MODEL, text);
    }

    @Property
    void hugeInputs(@ForAll("huge") Fuzz.Big big) {
        String text = big.text();
        parseAndEncode(new SudokuHead(), SUDOKU_MODEL, text);
        parseAndEncode(new MazeHead(), MAZE_MODEL, text);
        parseAndEncode(new SequenceHead(), SEQUENCE_MODEL, text);
        parseAndEncode(new TokensHead(), TOKENS_MODEL, text);
        parseAndEncode(new ArcHead(), ARC_MODEL, text);
    }

    @Provide
    Arbitrary<String> arcInputs() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Fuzz.mutatedJson(ARC_VALID)),
                net.jqwik.api.Tuple.of(2, inputs(ARC_VALID, "{}[]\",:0123456789 traintestinputoutputid")));
    }

    @Provide
    Arbitrary<String> sudokuInputs() {
        return inputs(SUDOKU_VALID, "0123456789.|-+\n\r {}[]\",:puzzle");
    }

    @Provide
    Arbitrary<String> mazeInputs() {
        return inputs(MAZE_VALID, "# SGo\n\r{}[]\",:mazegridwth0123456789");
    }

    @Provide
    Arbitrary<String> sequenceInputs() {
        return inputs(SEQUENCE_VALID, "0123456789-+?, \n{}[]\":termskexpd.e");
    }

    @Provide
    Arbitrary<String> tokensInputs() {
        return inputs(TOKENS_VALID, "0123456789-+, \n[]");
    }

    @Provide
    Arbitrary<Fuzz.Big> huge() {
        List<String> all = new java.util.ArrayList<>();
        all.addAll(SUDOKU_VALID);
        all.addAll(MAZE_VALID);
        all.addAll(SEQUENCE_VALID);
        all.addAll(TOKENS_VALID);
        all.addAll(ARC_VALID);
        return Fuzz.huge(all, "0123456789.#SG ?,\n[]{}\"");
    }

    private static Arbitrary<String> inputs(List<String> valid, String alphabet) {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.of(valid)),
                net.jqwik.api.Tuple.of(2, Fuzz.anyString()),
                net.jqwik.api.Tuple.of(3, Fuzz.syntax(alphabet, 400)),
                net.jqwik.api.Tuple.of(6, Fuzz.mutated(valid, alphabet)),
                net.jqwik.api.Tuple.of(3, Fuzz.json(KEYS)));
    }

    private static <I> void parseAndEncode(TaskHead<I, ?> head, ModelInfo model, String text) {
        I input = Fuzz.typedOrValid(head.name() + " parse of " + abbreviate(text), () -> head.parse(text));
        if (input != null) {
            Fuzz.typedOrValid(head.name() + " encode of " + abbreviate(text), () -> head.encode(input, model));
        }
    }

    private static String abbreviate(String text) {
        String s = text.length() > 200 ? text.substring(0, 200) + "... (" + text.length() + " chars)" : text;
        return "'" + s.replace("\n", "\\n") + "'";
    }

    private static ModelInfo model(String head, int seqLen, int vocab) {
        return new ModelInfo(head + "-fuzz", head, "", "attention", 1, List.of(), seqLen, seqLen + 16, 16, vocab, 16,
                Map.of(), "fuzz");
    }
}
