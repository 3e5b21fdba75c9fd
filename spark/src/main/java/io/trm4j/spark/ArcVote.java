package io.trm4j.spark;

import io.trm4j.core.TrmException;
import io.trm4j.core.head.Verdict;
import io.trm4j.core.loop.HaltReason;
import io.trm4j.core.loop.RowResult;
import io.trm4j.core.model.ModelInfo;
import io.trm4j.heads.arc.ArcAnswer;
import io.trm4j.heads.arc.ArcHead;
import io.trm4j.heads.arc.ArcPair;
import io.trm4j.heads.arc.ArcParser;
import io.trm4j.heads.arc.ArcPrediction;
import io.trm4j.heads.arc.ArcTask;
import org.apache.spark.api.java.function.MapGroupsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * Stage 3 of ARC at scale: the predicted rows of one test input (any order), put back in the head's
 * order and handed to the ARC head's own decode (crop, map back, vote) and verify (pass@2), exactly
 * as on one machine. A group missing rows (a lost augmentation) is an error row, never a silent vote.
 */
final class ArcVote implements MapGroupsFunction<String, Row, Row> {
    private static final long serialVersionUID = 1L;
    private static final ArcHead HEAD = new ArcHead();
    private static final float[] NO_LOGITS = new float[0];

    private final ModelInfoSource info;

    ArcVote(ModelInfoSource info) {
        this.info = info;
    }

    /** The group key of a predicted row: task and test input. */
    static String key(Row row) {
        return row.get(ArcRows.at(ArcRows.TASK_ID)) + "\u0000" + row.get(ArcRows.at(ArcRows.TEST_INDEX));
    }

    @Override
    public Row call(String key, Iterator<Row> rows) {
        List<Row> group = new ArrayList<>();
        rows.forEachRemaining(group::add);
        group.sort(Comparator.comparingInt(r -> r.<Integer>getAs(ArcRows.at(ArcRows.AUG_INDEX))));
        Row first = group.get(0);
        String taskId = first.getAs(ArcRows.at(ArcRows.TASK_ID));
        int test = first.<Integer>getAs(ArcRows.at(ArcRows.TEST_INDEX));
        String expected = first.getAs(ArcRows.at(ArcRows.TEST_OUTPUT));
        try {
            return vote(group, info.get());
        } catch (TrmException | IllegalArgumentException e) {
            return RowFactory.create(taskId, test, null, null, null, null, group.size(), null, null, expected, null,
                    null, null, e.getMessage());
        }
    }

    static Row vote(List<Row> group, ModelInfo model) {
        Row first = group.get(0);
        int expectedRows = first.<Integer>getAs(ArcRows.at(ArcRows.AUGMENTATIONS));
        if (group.size() != expectedRows) {
            throw new TrmException("test input " + first.getAs(ArcRows.at(ArcRows.TEST_INDEX)) + " of task "
                    + first.getAs(ArcRows.at(ArcRows.TASK_ID)) + " has " + group.size() + " predicted rows, expected "
                    + expectedRows);
        }
        String output = first.getAs(ArcRows.at(ArcRows.TEST_OUTPUT));
        ArcPair pair = new ArcPair(ArcParser.expectedOutputs(first.getAs(ArcRows.at(ArcRows.TEST_INPUT))).get(0),
                output == null ? null : ArcParser.expectedOutputs(output).get(0));
        ArcTask.UnknownTask unknown = Boolean.TRUE.equals(first.getAs(ArcRows.at(ArcRows.FALLBACK)))
                ? ArcTask.UnknownTask.FALLBACK : ArcTask.UnknownTask.FAIL;
        ArcTask task = new ArcTask(first.getAs(ArcRows.at(ArcRows.TASK_ID)), List.of(), List.of(pair), unknown);
        List<RowResult> results = new ArrayList<>(group.size());
        long steps = 0;
        for (Row r : group) {
            int s = r.<Integer>getAs(ArcRows.at(ArcRows.STEPS));
            steps += s;
            results.add(new RowResult(NO_LOGITS, ArcRows.unpackInts(r.getAs(ArcRows.at(ArcRows.ARGMAX))),
                    r.<Float>getAs(ArcRows.at(ArcRows.CONFIDENCE)), s, HaltReason.MAX_STEPS, List.of()));
        }
        ArcAnswer answer = HEAD.decode(task, HEAD.encode(task, model), results, model);
        ArcPrediction p = answer.predictions().get(0);
        Verdict verdict = HEAD.verify(task, answer);
        return RowFactory.create(task.id(), first.<Integer>getAs(ArcRows.at(ArcRows.TEST_INDEX)),
                p.hasAttempts() ? p.attempt1().toJson() : null, p.hasAttempts() ? p.attempt2().toJson() : null,
                p.candidates().size(), p.candidates().isEmpty() ? 0 : p.candidates().get(0).votes(), p.rows(),
                p.invalid(), (double) steps / group.size(), output, verdict.status().name(),
                p.hasAttempts() ? verdict.detail() : p.problem(),
                pair.hasOutput() ? p.solves(pair.output()) : null, null);
    }
}
