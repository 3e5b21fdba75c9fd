package io.trm4j.heads.sequence;

import io.trm4j.core.LoadOptions;
import io.trm4j.core.ReasonOptions;
import io.trm4j.core.Reasoner;
import io.trm4j.core.Reasoning;
import io.trm4j.core.Trm;
import io.trm4j.core.head.RenderStyle;
import io.trm4j.core.head.Verdict;
import io.trm4j.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.trm4j.heads.sequence.SequenceParserTest.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The random-weight tiny-sequence fixture through the real loop: whatever it writes decodes cleanly. */
class SequenceReasonerTest {
    private static final List<String> INPUTS = List.of(
            "2, 4, 8, 16, ?", "1, 2, 3, ?, ?", "-5 0 5 ? ? ?", "{\"terms\": [1, 1, 2, 3, 5, 8], \"k\": 2}",
            "999999, -999999, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, ?", "{\"terms\": [3, 6, 9], \"expected\": [12]}");

    @Test
    void randomOutputsDecodeToNumbersOrAClearVerdict() {
        ReasonOptions options = ReasonOptions.builder().maxSteps(3).build();
        try (Reasoner<SequenceInput, SequencePrediction> r = Trm.load(Fixtures.dir(Fixtures.SEQUENCE),
                LoadOptions.builder().threads(1).reasonDefaults(options).build())) {
            assertEquals("sequence", r.head().name());
            List<SequenceInput> inputs = new ArrayList<>();
            for (String text : INPUTS) {
                inputs.add(r.head().parse(text));
            }
            List<Reasoning<SequencePrediction>> results = r.reasonAll(inputs, options);
            int numbers = 0;
            int invalid = 0;
            for (int i = 0; i < results.size(); i++) {
                Reasoning<SequencePrediction> res = results.get(i);
                SequencePrediction p = res.answer();
                SequenceInput in = inputs.get(i);
                assertEquals(3, res.steps());
                assertEquals(3, p.steps());
                assertEquals(res.confidence(), p.confidence(), 1e-6);
                assertEquals(in.k(), p.terms().size());
                for (PredictedTerm t : p.terms()) {
                    if (t.valid()) {
                        numbers++;
                        assertTrue(Math.abs(t.value()) < SequenceInput.ANSWER_LIMIT, t.toString());
                        assertEquals(9, t.tokens().split(" ").length);
                    } else {
                        invalid++;
                        if (p.backing().abstained()) { // the head declined to answer: no model output to show
                            assertEquals(SupportedChoice.NO_RULE, t.problem());
                            continue;
                        }
                        assertTrue(t.problem().contains("is not a number: the model wrote '" + t.tokens() + "'"), t.problem());
                    }
                }
                Verdict v = res.verdict();
                if (p.backing().abstained()) {
                    assertEquals(Verdict.Status.ABSTAINED, v.status(), v.toString());
                    assertTrue(v.detail().startsWith(SupportedChoice.NO_RULE), v.detail());
                } else if (!p.allValid()) {
                    assertEquals(Verdict.Status.UNSOLVED, v.status(), v.toString());
                    assertTrue(v.detail().contains("is not a number"), v.detail());
                    assertTrue(r.head().render(p, RenderStyle.COMPACT).contains("?"));
                } else if (!in.hasExpected()) {
                    assertEquals(LeaveOneOut.heldOut(in.terms().size()) > 0 ? Verdict.Status.SUPPORTED
                            : Verdict.Status.UNVERIFIED, v.status());
                } else {
                    assertNotEquals(Verdict.Status.UNVERIFIED, v.status());
                }
                String plain = r.head().render(p, RenderStyle.PLAIN);
                assertTrue(plain.contains(" -> "), plain);
            }
            assertEquals(10, numbers + invalid); // k = 1 + 2 + 3 + 2 + 1 + 1
            // the same input alone gives the same answer as in the batch
            Reasoning<SequencePrediction> alone = r.reasonText(INPUTS.get(0), options);
            assertEquals(results.get(0).answer().terms(), alone.answer().terms());
            assertRejects(() -> r.reasonText("1, 2, 3000000"), "term 3 (3000000) is out of range");
            assertFalse(r.head().positionName(100, r.model()).isEmpty());
        }
    }
}
