package io.trm4j.cli.serve;

import io.trm4j.cli.serve.LoadCase.Expected;
import io.trm4j.core.LoadOptions;
import io.trm4j.core.ReasonOptions;
import io.trm4j.core.Reasoner;
import io.trm4j.core.Reasoning;
import io.trm4j.core.Trm;
import io.trm4j.core.head.RenderStyle;
import io.trm4j.core.loop.HaltingPolicy;
import io.trm4j.core.testing.Fixtures;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * The load tests' model and puzzles: the tiny-attn fixture (tokens head, one ORT thread), 24
 * different random puzzles, three sets of request options, and the answer a sequential run of
 * the same reasoner gives for each puzzle under each: what every HTTP answer is compared with.
 */
final class LoadFixture implements AutoCloseable {
    static final String HEAD = "tokens";
    /** Request option fields as sent after the input; {@link #options} mirrors them. */
    static final List<String> VARIANTS = List.of("", ", \"max_steps\": 3, \"halting\": \"fixed\"",
            ", \"max_steps\": 8, \"halting\": \"converged\", \"patience\": 2");

    final Reasoner<Object, Object> reasoner;
    final List<String> puzzles;
    private final Expected[][] answers;

    LoadFixture(int puzzleCount, long seed) {
        reasoner = Trm.load(Fixtures.dir(Fixtures.ATTN).toString(), LoadOptions.builder().threads(1).head(HEAD).build(),
                Trm.heads());
        Random random = new Random(seed);
        puzzles = new ArrayList<>();
        while (puzzles.size() < puzzleCount) {
            String p = random.ints(16, 1, 8).mapToObj(Integer::toString).collect(Collectors.joining(" "));
            if (!puzzles.contains(p)) {
                puzzles.add(p);
            }
        }
        answers = new Expected[puzzleCount][VARIANTS.size()];
        for (int p = 0; p < puzzleCount; p++) {
            for (int v = 0; v < VARIANTS.size(); v++) {
                Reasoning<Object> r = reasoner.reasonText(puzzles.get(p), options(v)); // one at a time
                answers[p][v] = new Expected(reasoner.head().render(r.answer(), RenderStyle.COMPACT), r.steps(),
                        r.verdict().status().name());
            }
        }
    }

    /** The options the server derives from {@code VARIANTS.get(v)}. */
    ReasonOptions options(int v) {
        ReasonOptions o = reasoner.loadOptions().reasonDefaults();
        return switch (v) {
            case 0 -> o;
            case 1 -> o.toBuilder().maxSteps(3).halting(HaltingPolicy.Kind.FIXED).build();
            case 2 -> o.toBuilder().maxSteps(8).halting(HaltingPolicy.Kind.CONVERGED).patience(2).build();
            default -> throw new IllegalArgumentException("variant " + v);
        };
    }

    Expected answer(int p, int v) {
        return answers[p][v];
    }

    LoadMix mix(int maxBodyBytes, long seed) {
        return new LoadMix(HEAD, puzzles, VARIANTS, this::answer, maxBodyBytes, seed);
    }

    @Override
    public void close() {
        reasoner.close();
    }
}
