package io.trm4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trm4j.core.model.Manifest;
import io.trm4j.core.model.Model;
import io.trm4j.core.model.ModelCatalog;
import io.trm4j.core.model.ModelInfo;
import io.trm4j.core.model.ModelLoader;
import io.trm4j.core.model.ModelSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code trm models}: the bundled models and any given model directories. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List the bundled models (and the model directories given with --model).")
final class ModelsCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", description = "Also list this model directory (repeatable).")
    List<Path> dirs = new ArrayList<>();

    @Option(names = "--json", description = "Print one JSON document: {\"models\": [...]}, one object per model "
            + "(name, head, description, variant, params, seq_len, max_steps, cell_bytes, source, card).")
    boolean json;

    /** One model; cellBytes is -1 where unknown. */
    private record Row(ModelInfo info, long cellBytes, String card) {
    }

    @Override
    public Integer call() {
        List<Row> rows = new ArrayList<>();
        for (ModelCatalog.Entry e : ModelCatalog.systemCatalog().list()) {
            rows.add(row(e.source(), e.manifest()));
        }
        for (Path dir : dirs) {
            try (Model model = ModelLoader.load(dir)) { // validates the files; closes a puzzle table
                rows.add(row(model.source(), model.manifest()));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(toJson(rows));
            return TrmCli.OK;
        }
        if (rows.isEmpty()) {
            out.println("no bundled models (add trm4j-models to the classpath, or pass --model DIR)");
            return TrmCli.OK;
        }
        String fmt = "%-16s %-10s %9s %9s %9s %-10s %s%n";
        out.printf(Locale.ROOT, fmt, "NAME", "HEAD", "PARAMS", "CELL", "MAX_STEPS", "VARIANT", "SOURCE");
        for (Row r : rows) {
            ModelInfo m = r.info();
            out.printf(Locale.ROOT, fmt, m.name(), m.head(), human(m.params(), ""), human(r.cellBytes(), "B"),
                    m.maxSteps(), m.variant(), m.source());
        }
        for (Row r : rows) {
            if (!r.card().isEmpty()) {
                out.printf(Locale.ROOT, "%n%s: %s%n", r.info().name(), r.card());
            }
        }
        return TrmCli.OK;
    }

    private static Row row(ModelSource source, Manifest m) {
        return new Row(ModelInfo.of(m, source.describe()), source.size(m.cell()), card(source));
    }

    private static ObjectNode toJson(List<Row> rows) {
        ObjectNode doc = JSON.createObjectNode();
        ArrayNode models = doc.putArray("models");
        for (Row r : rows) {
            ObjectNode o = models.addObject();
            o.put("name", r.info().name());
            o.put("head", r.info().head());
            ModelJson.fill(o, r.info());
            ModelJson.putKnown(o, "cell_bytes", r.cellBytes());
            o.put("source", r.info().source());
            o.put("card", r.card());
        }
        return doc;
    }

    private static String card(ModelSource source) {
        return source.exists("CARD.md")
                ? CardSummary.of(new String(source.read("CARD.md"), java.nio.charset.StandardCharsets.UTF_8)) : "";
    }

    /** 1234567 -> 1.2M. */
    static String human(long n, String unit) {
        if (n < 0) {
            return "?";
        }
        if (n < 1000) {
            return n + unit;
        }
        String[] suffix = {"k", "M", "G", "T"};
        double v = n;
        int i = -1;
        while (v >= 1000 && i < suffix.length - 1) {
            v /= 1000;
            i++;
        }
        return String.format(Locale.ROOT, "%.1f%s%s", v, suffix[i], unit);
    }
}
