import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trm4j.core.ExecutionProvider;
import io.trm4j.core.Trm;
import io.trm4j.core.model.Model;
import io.trm4j.core.runtime.CellSession;
import io.trm4j.core.runtime.SessionSettings;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One provider against the CPU provider, step by step, on the same rows: max |diff| of logits and
 * q_halt at each of the steps, and whether every position's argmax agrees. A single-file program
 * (no build: {@code java -cp trm.jar bench/cuda/ProviderParity.java ...}) so the GPU run needs
 * only the CLI jar. Rows: a fixture's golden.json tokens where there is one, else seeded random
 * tokens (batch 8). The CPU reference runs with one thread, the other side with --threads.
 *
 * <pre>
 * java -cp trm.jar bench/cuda/ProviderParity.java --provider cuda --steps 16 --out parity.json \
 *     sudoku maze core/src/test/resources/fixtures/tiny-attn ...
 * </pre>
 * Prints one line per model; exits 1 when a model's argmax differs anywhere or its max |diff|
 * exceeds --tol (default 1e-3: the bar for fp32 cells on CUDA).
 */
public final class ProviderParity {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        ExecutionProvider provider = ExecutionProvider.CUDA;
        int steps = 16;
        int batch = 8;
        int threads = Runtime.getRuntime().availableProcessors();
        double tol = 1e-3;
        Path out = null;
        List<String> models = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--provider" -> provider = ExecutionProvider.parse(args[++i]);
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--tol" -> tol = Double.parseDouble(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> models.add(args[i]);
            }
        }
        if (models.isEmpty()) {
            System.err.println("usage: ProviderParity [--provider cuda] [--steps 16] [--batch 8] [--threads N] "
                    + "[--tol 1e-3] [--out FILE] MODEL...");
            System.exit(2);
        }
        ArrayNode results = JSON.createArrayNode();
        boolean ok = true;
        for (String ref : models) {
            ObjectNode r = compare(ref, provider, steps, batch, threads);
            boolean pass = r.get("argmax_identical").asBoolean() && r.get("max_abs_diff_logits").asDouble() <= tol
                    && r.get("max_abs_diff_q_halt").asDouble() <= tol;
            r.put("pass", pass);
            ok &= pass;
            results.add(r);
            if (out != null) { // after every model: a run cut short by its time limit keeps what it measured
                Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results));
            }
            System.out.printf("%-28s %-5s vs cpu  steps %d  rows %d  max|d logits| %.3g  max|d q_halt| %.3g  "
                            + "argmax %s  %s%n", r.get("model").asText(), r.get("provider").asText(), steps,
                    r.get("rows").asInt(), r.get("max_abs_diff_logits").asDouble(),
                    r.get("max_abs_diff_q_halt").asDouble(),
                    r.get("argmax_identical").asBoolean() ? "identical" : r.get("argmax_differing").asInt()
                            + " positions differ", pass ? "PASS" : "FAIL");
        }
        System.exit(ok ? 0 : 1);
    }

    private static ObjectNode compare(String ref, ExecutionProvider provider, int steps, int batch, int threads)
            throws Exception {
        Path dir = Path.of(ref);
        long[][] tokens;
        long[] puzzleIds;
        try (Model model = Trm.resolve(ref)) {
            Path golden = dir.resolve("golden.json");
            if (Files.isRegularFile(golden)) {
                JsonNode g = JSON.readTree(golden.toFile());
                tokens = JSON.treeToValue(g.get("tokens"), long[][].class);
                puzzleIds = JSON.treeToValue(g.get("puzzle_ids"), long[].class);
            } else {
                Random rnd = new Random(1234);
                int v = model.manifest().vocabSize();
                tokens = new long[batch][model.manifest().seqLen()];
                for (long[] row : tokens) {
                    for (int p = 0; p < row.length; p++) {
                        row[p] = 1 + rnd.nextInt(Math.max(1, v - 1));
                    }
                }
                puzzleIds = new long[batch];
            }
            try (CellSession cpu = new CellSession(model, new SessionSettings(ExecutionProvider.CPU, 1, false));
                 CellSession other = new CellSession(model, new SessionSettings(provider, threads, false))) {
                cpu.start(tokens, puzzleIds, model.init());
                other.start(tokens, puzzleIds, model.init());
                int vocab = model.manifest().vocabSize();
                double maxLogits = 0;
                double maxQ = 0;
                int differing = 0;
                ArrayNode perStep = JSON.createArrayNode();
                for (int s = 1; s <= steps; s++) {
                    cpu.step();
                    other.step();
                    double dl = maxAbsDiff(cpu.logits(), other.logits());
                    double dq = maxAbsDiff(cpu.qHalt(), other.qHalt());
                    int diff = argmaxDiffering(cpu.logits(), other.logits(), vocab);
                    maxLogits = Math.max(maxLogits, dl);
                    maxQ = Math.max(maxQ, dq);
                    differing += diff;
                    ObjectNode st = perStep.addObject();
                    st.put("step", s);
                    st.put("max_abs_diff_logits", dl);
                    st.put("max_abs_diff_q_halt", dq);
                    st.put("argmax_differing", diff);
                }
                ObjectNode r = JSON.createObjectNode();
                r.put("model", model.manifest().name() + (Files.isDirectory(dir) ? " (" + dir + ")" : ""));
                r.put("provider", other.provider().name().toLowerCase());
                r.put("rows", tokens.length);
                r.put("steps", steps);
                r.put("max_abs_diff_logits", maxLogits);
                r.put("max_abs_diff_q_halt", maxQ);
                r.put("argmax_identical", differing == 0);
                r.put("argmax_differing", differing);
                r.set("per_step", perStep);
                return r;
            }
        }
    }

    private static double maxAbsDiff(FloatBuffer a, FloatBuffer b) {
        int n = Math.min(a.remaining(), b.remaining());
        if (a.remaining() != b.remaining()) {
            throw new IllegalStateException("output sizes differ: " + a.remaining() + " vs " + b.remaining());
        }
        double max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, Math.abs(a.get(a.position() + i) - b.get(b.position() + i)));
        }
        return max;
    }

    private static int argmaxDiffering(FloatBuffer a, FloatBuffer b, int vocab) {
        int differing = 0;
        for (int base = 0; base + vocab <= a.remaining(); base += vocab) {
            if (argmax(a, a.position() + base, vocab) != argmax(b, b.position() + base, vocab)) {
                differing++;
            }
        }
        return differing;
    }

    private static int argmax(FloatBuffer f, int from, int n) {
        int best = 0;
        for (int t = 1; t < n; t++) {
            if (f.get(from + t) > f.get(from + best)) {
                best = t;
            }
        }
        return best;
    }
}
