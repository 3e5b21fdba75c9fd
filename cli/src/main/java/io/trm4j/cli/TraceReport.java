package io.trm4j.cli;

import io.trm4j.core.head.TaskHead;
import io.trm4j.core.loop.StepRecord;
import io.trm4j.core.model.ModelInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code trm solve --trace} for people: how the answer evolves, step by step. The first step shows
 * the whole prediction; each later one the positions whose token changed, named by the head
 * ({@link TaskHead#positionName}, e.g. {@code r1c3} for Sudoku) with their new value in the
 * model's vocabulary ({@code r1c3=7}), and the halting confidence.
 */
final class TraceReport {
    static final int MAX_LISTED = 24;

    private TraceReport() {
    }

    static List<String> lines(List<StepRecord> trace, TaskHead<?, ?> head, ModelInfo model) {
        List<String> lines = new ArrayList<>(trace.size());
        int[] previous = null;
        for (StepRecord s : trace) {
            int[] p = s.prediction();
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  step %3d  confidence %.3f  ", s.step(),
                    s.confidence()));
            if (previous == null) {
                sb.append("prediction ");
                for (int id : p) {
                    sb.append(label(model.vocab(), id));
                }
            } else {
                Map<String, String> changed = changes(previous, p, head, model);
                if (changed.isEmpty()) {
                    sb.append("unchanged");
                } else {
                    sb.append("changed ").append(changed.size()).append(':');
                    changed.entrySet().stream().limit(MAX_LISTED)
                            .forEach(e -> sb.append(' ').append(e.getKey()).append('=').append(e.getValue()));
                    sb.append(changed.size() > MAX_LISTED ? " ..." : "");
                }
            }
            lines.add(sb.toString());
            previous = p;
        }
        return lines;
    }

    /**
     * The positions where {@code current} differs from {@code previous}, in order: the head's name
     * for each, with the new token spelled in the model's vocabulary.
     */
    static Map<String, String> changes(int[] previous, int[] current, TaskHead<?, ?> head, ModelInfo model) {
        Map<String, String> changed = new LinkedHashMap<>();
        for (int i = 0; i < current.length; i++) {
            if (i >= previous.length || current[i] != previous[i]) {
                changed.put(head.positionName(i, model), label(model.vocab(), current[i]));
            }
        }
        return changed;
    }

    private static String label(List<String> vocab, int id) {
        return id >= 0 && id < vocab.size() ? vocab.get(id) : Integer.toString(id);
    }
}
