package io.trm4j.heads.arc;

import io.trm4j.core.head.EncodedBatch;
import io.trm4j.core.head.ExpectedAnswers;
import io.trm4j.core.head.InvalidInputException;
import io.trm4j.core.head.RenderStyle;
import io.trm4j.core.head.SourceNamedInputs;
import io.trm4j.core.head.TaskHead;
import io.trm4j.core.head.Verdict;
import io.trm4j.core.loop.RowResult;
import io.trm4j.core.model.ModelInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * ARC-AGI grids with TRM's inference protocol: every test input runs under each augmentation the
 * model learned for the task (dihedral transform x color permutation, one puzzle embedding each),
 * all in one batch of rows = test inputs x augmentations; each row's prediction is cropped
 * ({@link ArcCodec}), mapped back ({@link Augmentation#invert}) and voted on ({@link ArcVoting});
 * the two best grids are the attempts. The model needs the official canvas: seq_len 900 (30x30),
 * vocab 12. The task's id picks the puzzle embeddings ({@link ArcPuzzles}); see
 * {@link ArcTask.UnknownTask} for a task the model was not trained on.
 */
public final class ArcHead implements TaskHead<ArcTask, ArcAnswer>,
        SourceNamedInputs<ArcTask>, ExpectedAnswers<ArcTask, ArcAnswer> {
    public static final String NAME = "arc";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ArcTask parse(String text) {
        return ArcParser.parse(text);
    }

    /** A task file {@code 007bbfb7.json} names task {@code 007bbfb7} unless its JSON has an id. */
    @Override
    public ArcTask withSourceName(ArcTask input, String fileName) {
        if (input.id() != null || fileName == null) {
            return input;
        }
        int dot = fileName.lastIndexOf('.');
        return input.withId(dot > 0 ? fileName.substring(0, dot) : fileName);
    }

    @Override
    public void checkModel(ModelInfo model) {
        if (model.seqLen() != ArcCodec.SEQ_LEN || model.vocabSize() < ArcCodec.VOCAB) {
            throw new InvalidInputException("model '" + model.name() + "' is not an ARC model: it has seq_len "
                    + model.seqLen() + " and vocab_size " + model.vocabSize() + " (an ARC model has the 30x30 canvas, "
                    + "seq_len 900, and vocab_size 12: pad, end marker, colors 0-9)");
        }
    }

    @Override
    public EncodedBatch encode(ArcTask input, ModelInfo model) {
        checkModel(model);
        List<ArcPuzzles.Row> plan = ArcPuzzles.plan(input, model).rows();
        int n = input.test().size() * plan.size();
        long[][] tokens = new long[n][];
        long[] ids = new long[n];
        int i = 0;
        for (var pair : input.test()) {
            for (ArcPuzzles.Row row : plan) {
                tokens[i] = ArcCodec.encode(row.augmentation().apply(pair.input()));
                ids[i++] = row.puzzleId();
            }
        }
        return new EncodedBatch(tokens, ids);
    }

    @Override
    public ArcAnswer decode(ArcTask input, EncodedBatch encoded, List<RowResult> rows, ModelInfo model) {
        ArcPuzzles.Plan plan = ArcPuzzles.plan(input, model);
        int perTest = plan.rows().size();
        if (rows.size() != input.test().size() * perTest) {
            throw new IllegalArgumentException(rows.size() + " row results for " + input.test().size()
                    + " test inputs x " + perTest + " augmentations");
        }
        List<ArcPrediction> predictions = new ArrayList<>(input.test().size());
        for (int t = 0; t < input.test().size(); t++) {
            List<ArcVoting.Vote> votes = new ArrayList<>(perTest);
            int invalid = 0;
            String problem = "";
            for (int a = 0; a < perTest; a++) {
                RowResult row = rows.get(t * perTest + a);
                ArcCodec.Decoded d = ArcCodec.decode(row.argmax());
                if (d.valid()) {
                    votes.add(new ArcVoting.Vote(plan.rows().get(a).augmentation().invert(d.grid()), row.confidence()));
                } else {
                    invalid++;
                    problem = d.problem();
                }
            }
            predictions.add(ArcPrediction.of(ArcVoting.rank(votes), perTest, invalid, problem));
        }
        List<String> notes = plan.warning().isEmpty() ? List.of() : List.of(plan.warning());
        return new ArcAnswer(input.id(), predictions, notes);
    }

    /** pass@2: SOLVED when every test output is one of its two attempts; UNVERIFIED without test outputs. */
    @Override
    public Verdict verify(ArcTask input, ArcAnswer output) {
        if (!input.hasTestOutputs()) {
            return Verdict.unverified("the task gives no test outputs");
        }
        List<String> wrong = new ArrayList<>();
        for (int t = 0; t < input.test().size(); t++) {
            ArcPrediction p = output.predictions().get(t);
            ArcGrid expected = input.test().get(t).output();
            if (!p.solves(expected)) {
                String test = input.test().size() > 1 ? "test " + (t + 1) + ": " : "";
                wrong.add(test + (p.hasAttempts() ? "neither attempt is the expected " + expected.rows() + "x"
                        + expected.cols() + " grid" : p.problem()));
            }
        }
        return wrong.isEmpty() ? Verdict.solved() : Verdict.unsolved(String.join("; ", wrong));
    }

    /**
     * {@code expected}: the test output grid (one test input) or an array of grids, one per test
     * input; matches when each is one of its two attempts (pass@2).
     */
    @Override
    public boolean matchesExpected(ArcTask input, ArcAnswer output, String expected) {
        List<ArcGrid> grids = ArcParser.expectedOutputs(expected);
        if (grids.size() != output.predictions().size()) {
            throw new InvalidInputException(grids.size() + " expected grids for " + output.predictions().size()
                    + " test inputs");
        }
        for (int t = 0; t < grids.size(); t++) {
            if (!output.predictions().get(t).solves(grids.get(t))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String render(ArcAnswer output, RenderStyle style) {
        return ArcRenderer.render(output, style);
    }

    /** A canvas position as {@code r2c5}, from 1 (the grid sits at the top-left of the 30x30 canvas). */
    @Override
    public String positionName(int index, ModelInfo model) {
        return "r" + (index / ArcCodec.SIDE + 1) + "c" + (index % ArcCodec.SIDE + 1);
    }
}
