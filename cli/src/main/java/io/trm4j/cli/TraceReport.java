package io.trm4j.cli;

import io.trm4j.core.head.StepRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code trm solve --trace} for people: how the answer evolves, step by step. The first step shows
 * the whole prediction; each later one only the positions whose token changed ({@code @i:old>new},
 * tokens spelled with the model's vocabulary), and the halting confidence.
 */
final class TraceReport {
    static final int MAX_LISTED = 24;

    private TraceReport() {
    }

    static List<String> lines(List<StepRecord> trace, List<String> vocab) {
        List<String> lines = new ArrayList<>(trace.size());
        int[] previous = null;
        for (StepRecord s : trace) {
            int[] p = s.prediction();
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  step %3d  confidence %.3f  ", s.step(),
                    s.confidence()));
            if (previous == null) {
                sb.append("prediction ");
                for (int id : p) {
                    sb.append(label(vocab, id));
                }
            } else {
                int changed = 0;
                StringBuilder list = new StringBuilder();
                for (int i = 0; i < p.length; i++) {
                    if (p[i] != previous[i] && changed++ < MAX_LISTED) {
                        list.append(' ').append('@').append(i).append(':').append(label(vocab, previous[i]))
                                .append('>').append(label(vocab, p[i]));
                    }
                }
                sb.append(changed == 0 ? "unchanged" : "changed " + changed + ":" + list
                        + (changed > MAX_LISTED ? " ..." : ""));
            }
            lines.add(sb.toString());
            previous = p;
        }
        return lines;
    }

    private static String label(List<String> vocab, int id) {
        return id >= 0 && id < vocab.size() ? vocab.get(id) : Integer.toString(id);
    }
}
