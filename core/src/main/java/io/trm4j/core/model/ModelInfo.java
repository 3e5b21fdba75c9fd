package io.trm4j.core.model;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** The view of a model that heads and tools need (a subset of the manifest, plus where it came from). */
public record ModelInfo(
        String name,
        String head,
        String description,
        String variant,
        long params,
        List<String> vocab,
        int seqLen,
        int stateLen,
        int hiddenSize,
        int vocabSize,
        int maxSteps,
        Map<String, Long> puzzleIds,
        String source) {

    public ModelInfo {
        requireNonNull(name, "name is null");
        requireNonNull(head, "head is null");
        requireNonNull(description, "description is null");
        requireNonNull(variant, "variant is null");
        vocab = List.copyOf(requireNonNull(vocab, "vocab is null"));
        puzzleIds = Map.copyOf(requireNonNull(puzzleIds, "puzzleIds is null"));
        requireNonNull(source, "source is null");
    }

    public static ModelInfo of(Manifest m, String source) {
        return new ModelInfo(m.name(), m.head(), m.description(), m.arch().variant(), m.arch().params(),
                m.vocab(), m.seqLen(), m.stateLen(), m.hiddenSize(), m.vocabSize(), m.maxSteps(),
                m.puzzleIds(), source);
    }
}
