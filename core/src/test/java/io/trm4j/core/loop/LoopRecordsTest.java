package io.trm4j.core.loop;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The loop's records print their tokens, not array identities. */
class LoopRecordsTest {
    @Test
    void recordsPrintTheirTokens() {
        StepRecord step = new StepRecord(2, new int[] {3, 1}, 0.5f);
        assertEquals("StepRecord[step=2, prediction=[3, 1], confidence=0.5]", step.toString());
        RowResult row = new RowResult(new float[6], new int[] {3, 1}, 0.75f, 2, HaltReason.ACT, List.of(step));
        assertEquals("RowResult[argmax=[3, 1], confidence=0.75, steps=2, haltReason=ACT, logits=6 floats, "
                + "trace=[StepRecord[step=2, prediction=[3, 1], confidence=0.5]]]", row.toString());
    }
}
