package io.trm4j.heads.sequence;

import io.trm4j.core.eval.EvalCase;
import io.trm4j.core.head.command.CommandKind;
import io.trm4j.core.head.command.HeadOption;
import io.trm4j.core.head.command.InputAdjustment;
import io.trm4j.core.head.command.Invocation;
import io.trm4j.core.head.command.ModelFreeEval;
import io.trm4j.core.head.command.ModelFreeSolve;
import io.trm4j.core.head.command.UsageException;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * What the sequence head adds to {@code trm solve} and {@code trm eval}: {@code --baseline}, the
 * rule-fitting {@link SequenceBaseline} in place of a model ({@link BaselineSolve}, {@link BaselineEval}),
 * and {@code --model-only}, the model's answer alone, without the leave-one-out check and the
 * baseline: the three sources the combined head is measured against.
 */
public final class SequenceCommands implements ModelFreeSolve, ModelFreeEval, InputAdjustment {
    static final String BASELINE = "--baseline";
    static final String MODEL_ONLY = "--model-only";
    private static final List<HeadOption> OPTIONS = List.of(
            HeadOption.flag(BASELINE, "Sequence head only: answer with the rule-fitting baseline (polynomials, "
                    + "recurrences, products, primes, cycles, local rules; no model) and say which rule fits.", CommandKind.SOLVE),
            HeadOption.flag(BASELINE, "Sequence head only: score the rule-fitting baseline (polynomials, "
                    + "recurrences, products, primes, cycles, local rules) instead of a model, on the same cases.",
                    CommandKind.EVAL),
            HeadOption.flag(MODEL_ONLY, "Sequence head only: the model's answer alone, unchecked (no held-out "
                    + "terms, no baseline), to compare with the combined head.", CommandKind.SOLVE, CommandKind.EVAL));

    @Override
    public List<HeadOption> options() {
        return OPTIONS;
    }

    @Override
    public void check(Invocation invocation) {
        if (invocation.has(MODEL_ONLY)) {
            if (invocation.head() != null && !SequenceHead.NAME.equals(invocation.head())) {
                throw new UsageException("--model-only exists for the sequence head only, not '" + invocation.head() + "'");
            }
            if (invocation.has(BASELINE)) {
                throw new UsageException("--model-only and --baseline each name one source: give one of them");
            }
        }
        if (!invocation.has(BASELINE)) {
            return;
        }
        String head = invocation.head();
        if (invocation.command() == CommandKind.EVAL) {
            if (!SequenceHead.NAME.equals(head)) {
                throw new UsageException("--baseline exists for the sequence head only, not '" + head + "'");
            }
            return;
        }
        if (invocation.searching() || invocation.trace()) {
            throw new UsageException("--baseline runs no model: --search and --trace do not apply");
        }
        if (!SequenceHead.NAME.equals(head) || invocation.model() != null) {
            throw new UsageException("--baseline answers the sequence head without a model: "
                    + "trm solve sequence --baseline INPUT (got " + (invocation.model() != null
                    ? "--model " + invocation.model() : "head '" + head + "'") + ")");
        }
    }

    @Override
    public boolean solvesWithoutModel(Invocation invocation) {
        return invocation.has(BASELINE);
    }

    @Override
    public boolean solve(List<String> inputs, Invocation invocation, PrintWriter out) {
        return new BaselineSolve().run(inputs, invocation.json(), out);
    }

    /** The sequence answered by the model alone under {@code --model-only} (other inputs unchanged). */
    @Override
    public Object adjust(Object input, Invocation invocation) {
        return input instanceof SequenceInput s && invocation.has(MODEL_ONLY) ? s.withModelOnly() : input;
    }

    @Override
    public boolean evaluatesWithoutModel(Invocation invocation) {
        return invocation.has(BASELINE);
    }

    @Override
    public Result evaluate(List<EvalCase> cases, IntConsumer progress) {
        return new BaselineEval().run(cases, progress);
    }
}
