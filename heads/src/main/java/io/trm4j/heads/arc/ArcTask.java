package io.trm4j.heads.arc;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * An ARC task: demonstration pairs and test inputs (with their outputs in evaluation files).
 *
 * @param id          the task's identifier (e.g. {@code 007bbfb7}, the file name without {@code .json}),
 *                    which picks the model's puzzle embeddings; null when unknown
 * @param train       demonstration pairs (the model does not read them: it learned the task)
 * @param test        test pairs; the head predicts their outputs
 * @param unknownTask what to do when the model was not trained on this task
 */
public record ArcTask(String id, List<ArcPair> train, List<ArcPair> test, UnknownTask unknownTask) {
    /** What the head does for a task that is not in the model's puzzle vocabulary. */
    public enum UnknownTask {
        /** Fail with a message naming the task (the default). */
        FAIL,
        /**
         * Run with the model's fallback embedding ({@code <mean>} when the manifest has one, else the
         * blank id {@code <blank>}/0) under the 8 dihedral transforms; accuracy is expected near zero.
         */
        FALLBACK
    }

    public ArcTask {
        train = List.copyOf(requireNonNull(train, "train is null"));
        test = List.copyOf(requireNonNull(test, "test is null"));
        requireNonNull(unknownTask, "unknownTask is null");
        if (test.isEmpty()) {
            throw new IllegalArgumentException("a task needs at least one test input");
        }
        if (id != null && id.isBlank()) {
            id = null;
        }
    }

    public ArcTask(String id, List<ArcPair> train, List<ArcPair> test) {
        this(id, train, test, UnknownTask.FAIL);
    }

    /** This task named {@code value} (e.g. from its file name). */
    public ArcTask withId(String value) {
        return new ArcTask(value, train, test, unknownTask);
    }

    public ArcTask withUnknownTask(UnknownTask value) {
        return new ArcTask(id, train, test, value);
    }

    /** Whether every test pair has its expected output (so the answer can be checked). */
    public boolean hasTestOutputs() {
        return test.stream().allMatch(ArcPair::hasOutput);
    }
}
