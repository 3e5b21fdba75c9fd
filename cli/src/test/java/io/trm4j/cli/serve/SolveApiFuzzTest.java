package io.trm4j.cli.serve;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.trm4j.core.LoadOptions;
import io.trm4j.core.ReasonOptions;
import io.trm4j.core.Reasoner;
import io.trm4j.core.Trm;
import io.trm4j.core.TrmException;
import io.trm4j.core.testing.Fixtures;
import io.trm4j.core.testing.Fuzz;
import io.trm4j.core.testing.FuzzInput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Issue 8, fuzzing (Jazzer): the service's request bodies. {@link SolveApi#solve} and
 * {@link SolveApi#solveBatch} (what {@code POST /v1/solve/...} runs after reading the body) on the
 * tiny-attn fixture with the tokens head, given any bytes (seeded with valid single and batch
 * bodies, and deeply nested JSON, the first finding): an answer, or an {@link HttpError} with a 4xx
 * status and a message; never another exception (a 500) or a hang. Valid bodies really run the model.
 */
class SolveApiFuzzTest {
    private static Reasoner<Object, Object> reasoner;
    private static MicroBatcher<Object, Object> batcher;
    private static SolveApi api;

    @BeforeAll
    static void start() {
        reasoner = Trm.load(Fixtures.dir(Fixtures.ATTN).toString(), LoadOptions.builder().threads(1).head("tokens")
                .reasonDefaults(ReasonOptions.builder().maxSteps(4).build()).build(), Trm.heads());
        batcher = new MicroBatcher<>(reasoner::reasonAll, 8, 0, 64, n -> { });
        api = new SolveApi(reasoner, batcher, new ServeMetrics().model("tiny-attn", batcher::waiting),
                new ModelLimits(8, 0, 64, 30_000, false, 0, 0), RequestClock.SYSTEM);
    }

    @AfterAll
    static void stop() {
        Fuzz.report("SolveApiFuzzTest");
        batcher.close();
        reasoner.close();
    }

    @FuzzTest(maxDuration = "60s")
    @DictionaryEntries({"\"input\"", "\"inputs\"", "\"max_steps\"", "\"halting\"", "\"patience\"", "\"trace\"",
        "\"fixed\"", "\"act\"", "\"converged\"", "true", "null", "[]", "{}", "2147483648", "-1", "1e308"})
    void bodies(FuzzedDataProvider data) {
        byte[] body = FuzzInput.bytes(data);
        for (boolean batch : new boolean[] {false, true}) {
            Fuzz.typedOrValid((batch ? "batch of " : "solve of ") + body.length + " bytes", () -> {
                try {
                    return batch ? api.solveBatch(body, System.nanoTime()) : api.solve(body, System.nanoTime());
                } catch (HttpError e) {
                    if (e.status() < 400 || e.status() >= 500 || e.getMessage() == null || e.getMessage().isBlank()) {
                        throw new AssertionError("HTTP " + e.status() + " '" + e.getMessage() + "'", e);
                    }
                    throw new TrmException("HTTP " + e.status() + ": " + e.getMessage()); // a clear 4xx
                }
            });
        }
    }
}
