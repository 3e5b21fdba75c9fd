package io.trm4j.cli;

import io.trm4j.core.head.StepRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TraceReportTest {
    @Test
    void showsTheFirstPredictionThenOnlyWhatChanged() {
        List<String> vocab = List.of("<pad>", ".", "1", "2", "3");
        List<StepRecord> trace = List.of(
                new StepRecord(1, new int[] {2, 3, 4}, 0.1f),
                new StepRecord(2, new int[] {2, 4, 3}, 0.5f),
                new StepRecord(3, new int[] {2, 4, 3}, 0.9f));
        List<String> lines = TraceReport.lines(trace, vocab);
        assertEquals("  step   1  confidence 0.100  prediction 123", lines.get(0));
        assertEquals("  step   2  confidence 0.500  changed 2: @1:2>3 @2:3>2", lines.get(1));
        assertEquals("  step   3  confidence 0.900  unchanged", lines.get(2));
    }
}
