package io.trm4j.cli.serve;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HistogramTest {
    @Test
    void rendersCumulativeBucketsSumAndCount() {
        Histogram h = new Histogram("x_seconds", "help text.", 0.0005, 1, 2);
        h.observe(0.0001);
        h.observe(1);
        h.observe(1.5);
        h.observe(7);
        StringBuilder out = new StringBuilder();
        h.render(out);
        assertEquals("# HELP x_seconds help text.\n# TYPE x_seconds histogram\n"
                + "x_seconds_bucket{le=\"0.0005\"} 1\nx_seconds_bucket{le=\"1\"} 2\nx_seconds_bucket{le=\"2\"} 3\n"
                + "x_seconds_bucket{le=\"+Inf\"} 4\nx_seconds_sum 9.5001\nx_seconds_count 4\n", out.toString());
    }
}
