package io.trm4j.cli.serve;

import io.trm4j.core.Options;
import io.trm4j.core.Reasoner;
import io.trm4j.core.Trm;
import io.trm4j.core.TrmException;
import io.trm4j.core.testing.Fixtures;
import io.trm4j.core.testing.Fuzz;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Issue 8, fuzzing the service's request bodies: {@link SolveApi#solve} and {@link SolveApi#solveBatch}
 * (what {@code POST /v1/solve/...} runs after reading the body) on the tiny-attn fixture with the
 * tokens head, given mutated valid bodies, random JSON, random bytes and huge or deeply nested
 * bodies: an answer, or an {@link HttpError} with a 4xx status and a message; never another
 * exception (a 500) or a hang.
 */
class SolveApiFuzzTest {
    private static final String INPUT = "7 4 4 7 3 2 2 3 6 4 6 2 2 4 4 7";
    private static final List<String> VALID = List.of(
            "{\"input\": \"" + INPUT + "\", \"max_steps\": 2, \"halting\": \"fixed\"}",
            "{\"input\": [7, 4, 4, 7, 3, 2, 2, 3, 6, 4, 6, 2, 2, 4, 4, 7], \"max_steps\": 3, \"trace\": true}",
            "{\"inputs\": [\"" + INPUT + "\", \"" + INPUT.replace('7', '1') + "\"], \"max_steps\": 2}",
            "{\"input\": \"" + INPUT + "\", \"halting\": \"converge\", \"patience\": 2, \"max_steps\": 4}");

    private static Reasoner<Object, Object> reasoner;
    private static MicroBatcher<Object, Object> batcher;
    private static SolveApi api;

    @BeforeContainer
    static void start() {
        reasoner = Trm.load(Fixtures.dir(Fixtures.ATTN).toString(), Options.defaults().threads(1).head("tokens")
                .maxSteps(4), Trm.heads());
        batcher = new MicroBatcher<>(reasoner::reasonAll, 8, 0, 64, n -> { });
        api = new SolveApi(reasoner, batcher, new ServeMetrics(batcher::waiting), 30_000);
    }

    @AfterContainer
    static void stop() {
        Fuzz.report("SolveApiFuzzTest");
        batcher.close();
        reasoner.close();
    }

    @Property
    void bodies(@ForAll("bodies") String body) {
        check(body.getBytes(StandardCharsets.UTF_8), abbreviate(body));
    }

    @Property
    void bodyBytes(@ForAll byte[] body) {
        check(body, body.length + " random bytes");
    }

    @Property
    void hugeBodies(@ForAll("huge") Fuzz.Big body) {
        check(body.text().getBytes(StandardCharsets.UTF_8), body.toString());
    }

    private static void check(byte[] body, String what) {
        for (boolean batch : new boolean[] {false, true}) {
            Fuzz.typedOrValid((batch ? "batch " : "solve ") + what, () -> {
                try {
                    return batch ? api.solveBatch(body, System.nanoTime()) : api.solve(body, System.nanoTime());
                } catch (HttpError e) {
                    if (e.status() < 400 || e.status() >= 500 || e.getMessage() == null || e.getMessage().isBlank()) {
                        throw new AssertionError("HTTP " + e.status() + " '" + e.getMessage() + "' for " + what, e);
                    }
                    throw new TrmException("HTTP " + e.status() + ": " + e.getMessage()); // a clear 4xx
                }
            });
        }
    }

    @Provide
    Arbitrary<String> bodies() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Fuzz.mutatedJson(VALID)),
                Tuple.of(3, Fuzz.mutated(VALID, "{}[]\",:0123456789 ")),
                Tuple.of(2, Fuzz.json(List.of("input", "inputs", "max_steps", "halting", "patience", "trace"))),
                Tuple.of(1, Fuzz.anyString()));
    }

    @Provide
    Arbitrary<Fuzz.Big> huge() {
        return Fuzz.huge(VALID, "{}[]\",:0 ");
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "... (" + s.length() + " chars)" : s;
    }
}
