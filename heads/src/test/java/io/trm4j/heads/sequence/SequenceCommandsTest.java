package io.trm4j.heads.sequence;

import io.trm4j.core.eval.EvalCase;
import io.trm4j.core.head.HeadRegistry;
import io.trm4j.core.head.command.CommandKind;
import io.trm4j.core.head.command.Invocation;
import io.trm4j.core.head.command.ModelFreeEval;
import io.trm4j.core.head.command.UsageException;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sequence head's --baseline: the rule-fitting baseline in the model's place, in solve and eval. */
class SequenceCommandsTest {
    private static final SequenceCommands COMMANDS = new SequenceCommands();
    private static final Map<String, String> BASELINE = Map.of("--baseline", "true");

    private static Invocation solve(String head, String model, boolean searching, Map<String, String> given) {
        return new Invocation(CommandKind.SOLVE, head, model, null, searching, false, false, given);
    }

    @Test
    void theSequenceModuleRegistersItsCommands() {
        assertInstanceOf(SequenceCommands.class, HeadRegistry.discover().commands().get(SequenceHead.NAME));
    }

    @Test
    void baselineIsForTheSequenceHeadWithoutAModel() {
        assertDoesNotThrow(() -> COMMANDS.check(solve("sudoku", null, true, Map.of())), "not asked for");
        assertEquals("--baseline runs no model: --search and --trace do not apply", assertThrows(UsageException.class,
                () -> COMMANDS.check(solve("sequence", null, true, BASELINE))).getMessage());
        assertEquals("--baseline answers the sequence head without a model: trm solve sequence --baseline INPUT "
                + "(got head 'sudoku')", assertThrows(UsageException.class,
                () -> COMMANDS.check(solve("sudoku", null, false, BASELINE))).getMessage());
        assertEquals("--baseline answers the sequence head without a model: trm solve sequence --baseline INPUT "
                + "(got --model dir)", assertThrows(UsageException.class,
                () -> COMMANDS.check(solve(null, "dir", false, BASELINE))).getMessage());
        Invocation eval = new Invocation(CommandKind.EVAL, "maze", null, null, false, false, false, BASELINE);
        assertEquals("--baseline exists for the sequence head only, not 'maze'",
                assertThrows(UsageException.class, () -> COMMANDS.check(eval)).getMessage());
        assertTrue(COMMANDS.solvesWithoutModel(solve("sequence", null, false, BASELINE)));
        assertTrue(COMMANDS.evaluatesWithoutModel(eval.withHead("sequence")));
        assertFalse(COMMANDS.evaluatesWithoutModel(
                new Invocation(CommandKind.EVAL, "sequence", null, null, false, false, false, Map.of())));
    }

    @Test
    void modelOnlyMarksEachSequenceForTheModelAlone() {
        Map<String, String> modelOnly = Map.of("--model-only", "true");
        Invocation eval = new Invocation(CommandKind.EVAL, "sequence", null, null, true, false, false, modelOnly);
        assertDoesNotThrow(() -> COMMANDS.check(eval));
        assertDoesNotThrow(() -> COMMANDS.check(solve(null, "dir", false, modelOnly)), "the model names its head later");
        SequenceInput in = SequenceParser.parse("1, 2, 3, 4, 5, ?");
        assertTrue(((SequenceInput) COMMANDS.adjust(in, eval)).modelOnly());
        Invocation plain = new Invocation(CommandKind.EVAL, "sequence", null, null, false, false, false, Map.of());
        assertFalse(((SequenceInput) COMMANDS.adjust(in, plain)).modelOnly());
        assertEquals("--model-only exists for the sequence head only, not 'maze'", assertThrows(UsageException.class,
                () -> COMMANDS.check(eval.withHead("maze"))).getMessage());
        Map<String, String> both = Map.of("--model-only", "true", "--baseline", "true");
        assertEquals("--model-only and --baseline each name one source: give one of them", assertThrows(
                UsageException.class, () -> COMMANDS.check(solve("sequence", null, false, both))).getMessage());
    }

    @Test
    void solvesAndScoresWithTheFittedRule() {
        StringWriter out = new StringWriter();
        assertTrue(COMMANDS.solve(List.of("2, 4, 8, 16, ?"), solve("sequence", null, false, BASELINE),
                new PrintWriter(out, true)));
        assertTrue(out.toString().startsWith("2, 4, 8, 16 -> 32"), out.toString());
        ModelFreeEval.Result r = COMMANDS.evaluate(List.of(new EvalCase("f:1", "2, 4, 8, 16", "32", "g")), done -> { });
        assertEquals("baseline (rule fitting)", r.solver());
        assertEquals(1.0, r.report().exact());
        assertEquals(List.of("a rule reproduced every given term on 100.0% of rows (no model ran; nothing verified)"),
                r.notes());
        assertEquals(1.0, r.fields().get("rule_fits").asDouble());
    }
}
