package io.trm4j.heads.fuzz;

import io.trm4j.core.head.TaskHead;
import io.trm4j.core.model.ModelInfo;
import io.trm4j.core.testing.Fuzz;

import java.util.List;
import java.util.Map;

/**
 * What the heads' fuzz tests share: a head's {@code parse} of the fuzzer's text, then, when it
 * parsed, its {@code encode} against a model of that head; both under {@link Fuzz}'s invariant.
 */
final class HeadFuzzing {
    private HeadFuzzing() {
    }

    /** Parses {@code text} and encodes what parsed; returns the parsed input, or null when refused. */
    static <I> I parseAndEncode(TaskHead<I, ?> head, ModelInfo model, String text) {
        I input = Fuzz.typedOrValid(head.name() + " parse of " + Fuzz.describe(text), () -> head.parse(text));
        if (input != null) {
            Fuzz.typedOrValid(head.name() + " encode of " + Fuzz.describe(text), () -> head.encode(input, model));
        }
        return input;
    }

    /** A model of {@code head} with this sequence length and vocabulary (a tiny attention model otherwise). */
    static ModelInfo model(String head, int seqLen, int vocab) {
        return model(head, seqLen, vocab, Map.of());
    }

    static ModelInfo model(String head, int seqLen, int vocab, Map<String, Long> puzzleIds) {
        return new ModelInfo(head + "-fuzz", head, "", "attention", 1, List.of(), seqLen, seqLen + 16, 16, vocab, 16,
                puzzleIds, "fuzz");
    }
}
