package io.trm4j.heads.sequence;

import com.fasterxml.jackson.databind.JsonNode;
import io.trm4j.core.eval.EvalCase;
import io.trm4j.core.head.EncodedBatch;
import io.trm4j.core.head.ExpectedAnswers;
import io.trm4j.core.head.InvalidInputException;
import io.trm4j.core.head.JsonLinesEvalCases;
import io.trm4j.core.head.RenderStyle;
import io.trm4j.core.head.SymmetricVariants;
import io.trm4j.core.head.TaskHead;
import io.trm4j.core.head.Variant;
import io.trm4j.core.head.Verdict;
import io.trm4j.core.loop.RowResult;
import io.trm4j.core.model.ModelInfo;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Number sequences: "2, 4, 8, 16, ?" -> 32. The tokenization is {@link SequenceTokens} (the
 * training side's {@code trm/sequence_rns.py}: each term as its residues modulo nine moduli,
 * followed for some models by its differences' residues, {@link SequenceLayout}); the
 * model fills the answer region, and each of the k answer slots is read from the final prediction:
 * the nine residues it wrote when they name one integer in range, else the most probable residues
 * that do, if they are not improbable ({@link ResidueReader}); anything else is reported as not a
 * number (the verdict says which slot and why).
 * The head checks what it can ({@link LeaveOneOut}): the model also predicts each of the last
 * given terms (up to 3) from the terms before it, the baseline ({@link SequenceBaseline}) does the
 * same (up to 8), and the better supported of the two answers ({@link SupportedChoice}): {@link #verify} says
 * {@code SUPPORTED} (k of m held-out terms reproduced, at least half), or {@code ABSTAINED} when
 * neither reproduces half of them; {@code SOLVED}/{@code UNSOLVED} when the input carries the
 * expected terms (JSON {@code "expected"}), {@code UNSOLVED} when a slot is not a number.
 */
public final class SequenceHead implements TaskHead<SequenceInput, SequencePrediction>,
        ExpectedAnswers<SequenceInput, SequencePrediction>, JsonLinesEvalCases, SymmetricVariants<SequenceInput> {
    public static final String NAME = "sequence";
    private static final String ANSI_GREEN = "\u001b[1;32m";
    private static final String ANSI_RED = "\u001b[1;31m";
    private static final String ANSI_RESET = "\u001b[0m";
    private final SupportedChoice choice = new SupportedChoice(new SequenceBaseline());

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SequenceInput parse(String text) {
        return SequenceParser.parse(text);
    }

    /**
     * Row 0 is the input; rows 1..m (m up to {@link LeaveOneOut#MODEL_HELD}) ask for the held-out
     * terms of the leave-one-out check ({@link LeaveOneOut}), row j from the terms before the j-th
     * last one, in the same batch
     * (none for {@link SequenceInput#modelOnly()}).
     */
    @Override
    public EncodedBatch encode(SequenceInput input, ModelInfo model) {
        SequenceLayout layout = layout(model);
        int held = input.modelOnly() ? 0 : LeaveOneOut.heldOut(input.terms().size(), LeaveOneOut.MODEL_HELD);
        long[][] rows = new long[1 + held][];
        rows[0] = SequenceTokens.encode(input, layout);
        for (int j = 1; j <= held; j++) {
            rows[j] = SequenceTokens.encode(SequenceInput.of(LeaveOneOut.prefix(input.terms(), j), 1), layout);
        }
        return new EncodedBatch(rows, new long[rows.length]);
    }

    /**
     * The model's answer from row 0, its leave-one-out support from the other rows, and the answer
     * of the better supported of the model and the baseline ({@link SupportedChoice}), or an
     * abstention. With no term to hold out (3 or 4 given), a baseline rule that fits every given term
     * or else the model, unchecked; given only row 0, the model's answer unchecked.
     */
    @Override
    public SequencePrediction decode(SequenceInput input, EncodedBatch encoded, List<RowResult> rows, ModelInfo model) {
        SequenceLayout layout = layout(model);
        RowResult row = rows.get(0);
        List<PredictedTerm> terms = ResidueReader.readAll(row, input, layout);
        int held = LeaveOneOut.heldOut(input.terms().size(), LeaveOneOut.MODEL_HELD);
        if (input.modelOnly()) {
            return new SequencePrediction(input, terms, row.confidence(), row.steps());
        }
        if (held == 0) { // nothing to hold out: a rule that fits every term, else the model, unchecked
            return choice.unchecked(input, terms, row.confidence(), row.steps());
        }
        if (rows.size() != 1 + held) { // given only row 0 (a search that runs one row): the model's answer as it is
            return new SequencePrediction(input, terms, row.confidence(), row.steps());
        }
        Verdict.Support support = LeaveOneOut.support(input.terms().size(), LeaveOneOut.MODEL_HELD, "model", j -> {
            SequenceInput prefix = SequenceInput.of(LeaveOneOut.prefix(input.terms(), j), 1);
            PredictedTerm t = ResidueReader.readAll(rows.get(j), prefix, layout).get(0);
            return t.valid() && t.value() == LeaveOneOut.hidden(input.terms(), j);
        });
        return choice.choose(input, terms, support, row.confidence(), row.steps());
    }

    @Override
    public Verdict verify(SequenceInput input, SequencePrediction output) {
        SequencePrediction.Backing b = output.backing();
        if (b.abstained()) {
            return Verdict.abstained(b.support(), SupportedChoice.NO_RULE + " (the best, by the " + b.support().by()
                    + ", reproduces " + b.support().reproduced() + " of " + b.support().held() + " held-out terms)");
        }
        for (PredictedTerm t : output.terms()) {
            if (!t.valid()) {
                return Verdict.unsolved(t.problem());
            }
        }
        if (!input.hasExpected()) {
            if (b.support() != null && b.support().held() > 0) {
                return Verdict.supported(b.support(), describe(output));
            }
            return Verdict.unverified("the next terms of a sequence cannot be checked without the expected ones"
                    + (b.support() == null ? "" : LeaveOneOut.heldOut(input.terms().size()) == 0
                    ? "; too few terms to hold one out (" + (LeaveOneOut.MIN_PREFIX + 1) + " needed)"
                    : "; the rule needs all " + input.terms().size() + " given terms to be fixed and checked, so none"
                    + " could be held out") + (b.rule() != null ? "; " + b.source() + ", rule: " + b.rule() : ""));
        }
        for (int i = 0; i < input.expected().size(); i++) {
            long want = input.expected().get(i);
            long got = output.terms().get(i).value();
            if (want != got) {
                return Verdict.unsolved("answer " + (i + 1) + " is " + got + ", expected " + want);
            }
        }
        return Verdict.solved();
    }

    /**
     * What backs a supported answer: e.g. {@code model+baseline reproduce 3 of 3 held-out terms (rule: ...)};
     * backed by agreement, {@code model and baseline agree; the baseline's rule (...) fits all 5 given
     * terms}, with the held-out terms they reproduce when there are any.
     */
    static String describe(SequencePrediction output) {
        SequencePrediction.Backing b = output.backing();
        Verdict.Support s = b.support();
        if (s.agreement()) {
            return "model and baseline agree; the baseline's rule (" + b.rule() + ") fits all "
                    + output.input().terms().size() + " given terms"
                    + (s.reproduced() > 0 ? "; they reproduce " + s.reproduced() + " of " + s.held() + " held-out terms" : "");
        }
        return b.source() + (b.source().contains("+") ? " reproduce " : " reproduces ") + s.reproduced()
                + " of " + s.held() + " held-out terms" + (b.rule() != null ? " (rule: " + b.rule() + ")" : "");
    }

    /**
     * Expected answers in text form ({@code 32}, or {@code 4, 5} for k = 2): the predicted terms
     * must be numbers equal to them, in order (the first {@code min(k, expected)} terms compared).
     */
    @Override
    public boolean matchesExpected(SequenceInput input, SequencePrediction output, String expected) {
        List<Long> want = SequenceParser.parseExpected(expected);
        int n = Math.min(want.size(), output.terms().size());
        for (int i = 0; i < n; i++) {
            PredictedTerm t = output.terms().get(i);
            if (!t.valid() || t.value() != want.get(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * One JSON line of an evaluation file: {@code {"terms": [...]}} (other fields, e.g. id, name or
     * family, are the reader's). The case predicts one term: of the first 13 terms, the last is the
     * expected answer and the ones before it are the input. A generated line (at most 13 terms)
     * thus predicts its last term from all the others; a longer line (OEIS: 40 terms) predicts its
     * 13th term from its first 12, the most the model reads (later OEIS terms also leave the
     * model's range more often).
     */
    @Override
    public EvalCase evalCase(JsonNode record, String where, String group) {
        if (record == null || !record.isObject()) {
            throw new InvalidInputException("a line must be a JSON object with \"terms\", e.g. {\"terms\": [2, 4, 8, 16]}");
        }
        List<BigInteger> all = SequenceParser.jsonTerms(record);
        if (all.size() < SequenceInput.MIN_TERMS + 1) {
            throw new InvalidInputException("too few terms: " + all.size() + ", at least " + (SequenceInput.MIN_TERMS + 1)
                    + " (" + SequenceInput.MIN_TERMS + " given and the one to predict)");
        }
        int window = Math.min(all.size(), SequenceInput.MAX_TERMS + 1);
        BigInteger answer = all.get(window - 1);
        if (answer.abs().compareTo(BigInteger.valueOf(SequenceInput.ANSWER_LIMIT)) >= 0) {
            throw new InvalidInputException("the term to predict (term " + window + ", " + answer
                    + ") is out of range: |a| must be < " + SequenceInput.ANSWER_LIMIT);
        }
        String input = all.subList(0, window - 1).stream().map(BigInteger::toString).collect(Collectors.joining(", "));
        return new EvalCase(where, input, answer.toString(), group);
    }

    /** PLAIN/ANSI: {@code 2, 4, 8, 16 -> 32}; COMPACT: the predicted terms, {@code 32} or {@code 4, 5}. */
    @Override
    public String render(SequencePrediction output, RenderStyle style) {
        if (style == RenderStyle.COMPACT) {
            return output.compact();
        }
        boolean ansi = style == RenderStyle.ANSI;
        StringBuilder sb = new StringBuilder();
        sb.append(output.input().terms().stream().map(String::valueOf).collect(Collectors.joining(", "))).append(" -> ");
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < output.terms().size(); i++) {
            PredictedTerm t = output.terms().get(i);
            sb.append(i > 0 ? ", " : "");
            String color = t.valid() ? ANSI_GREEN : ANSI_RED;
            sb.append(ansi ? color + t + ANSI_RESET : t.toString());
            if (!t.valid()) {
                notes.add(Integer.toString(i + 1));
            }
        }
        SequencePrediction.Backing b = output.backing();
        if (b.abstained()) {
            return sb.append("  (").append(SupportedChoice.NO_RULE).append(")").toString();
        }
        if (b.support() != null && b.support().held() > 0) {
            sb.append("  (").append(describe(output)).append(")");
        } else if (b.rule() != null) {
            sb.append("  (").append(b.source()).append(", rule: ").append(b.rule()).append("; too few terms to check it)");
        }
        // In words: the raw residues mean nothing to a reader; they stay in the verdict's detail.
        if (!notes.isEmpty()) {
            sb.append("  (").append(notes.size() == 1 ? "answer " : "answers ").append(String.join(", ", notes))
                    .append(": the model gave no consistent integer)");
        }
        return sb.toString();
    }

    /** {@code given12.mod5}, {@code answer1.mod23}, {@code d1.given12.mod5}: see {@link SequenceTokens#positionName}. */
    @Override
    public String positionName(int index, ModelInfo model) {
        return SequenceTokens.positionName(index, SequenceLayout.of(model.seqLen(), model.vocabSize()).orElse(SequenceLayout.TERMS));
    }

    /** Search {@code augment}: the sequence negated, shifted by a small constant, or both ({@link SequenceSymmetry}). */
    @Override
    public Variant<SequenceInput> variant(SequenceInput input, SplittableRandom random, ModelInfo model) {
        return SequenceSymmetry.draw(input, layout(model), random);
    }

    @Override
    public void checkModel(ModelInfo model) {
        layout(model);
    }

    private static SequenceLayout layout(ModelInfo model) {
        return SequenceLayout.of(model.seqLen(), model.vocabSize()).orElseThrow(() -> new InvalidInputException("model '"
                + model.name() + "' is not a sequence model: it has seq_len " + model.seqLen() + " and vocab_size "
                + model.vocabSize() + " (a sequence model has " + SequenceLayout.shapes() + ")"));
    }
}
