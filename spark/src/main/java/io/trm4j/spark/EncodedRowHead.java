package io.trm4j.spark;

import io.trm4j.core.head.EncodedBatch;
import io.trm4j.core.head.InvalidInputException;
import io.trm4j.core.head.RenderStyle;
import io.trm4j.core.head.TaskHead;
import io.trm4j.core.head.Verdict;
import io.trm4j.core.loop.RowResult;
import io.trm4j.core.model.ModelInfo;

import java.util.Arrays;
import java.util.List;

/**
 * Runs rows another head already encoded (tokens and puzzle id) and hands back the loop's raw row
 * result: the middle stage of ARC at scale, where the rows of one task are spread over the cluster
 * and only the task's own head maps them back and votes ({@link ArcSpark}).
 */
final class EncodedRowHead implements TaskHead<EncodedRow, RowResult> {
    static final String NAME = "encoded-rows";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EncodedRow parse(String text) {
        throw new InvalidInputException("encoded rows have no text form");
    }

    @Override
    public EncodedBatch encode(EncodedRow input, ModelInfo model) {
        if (input.tokens().length != model.seqLen()) {
            throw new InvalidInputException("an encoded row has " + input.tokens().length + " tokens; model '"
                    + model.name() + "' takes " + model.seqLen());
        }
        return new EncodedBatch(new long[][] {input.tokens()}, new long[] {input.puzzleId()});
    }

    @Override
    public RowResult decode(EncodedRow input, EncodedBatch encoded, List<RowResult> rows, ModelInfo model) {
        return rows.get(0);
    }

    @Override
    public Verdict verify(EncodedRow input, RowResult output) {
        return Verdict.unverified("an encoded row is checked by its own head after the vote");
    }

    @Override
    public String render(RowResult output, RenderStyle style) {
        return Arrays.toString(output.argmax());
    }
}
