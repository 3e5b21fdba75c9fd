package io.trm4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trm4j.core.TrmConfig;
import io.trm4j.core.config.Setting;
import io.trm4j.core.runtime.RuntimeReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code trm doctor}: what this JVM's ONNX Runtime is (versions, native path, providers), whether
 * CUDA really starts, and the host's GPUs and CPU vector flags: the first thing to run on a new
 * machine, and what a bug report should include.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Show the ONNX Runtime in use, whether CUDA starts, and the GPUs and CPU of this host.")
final class DoctorCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--ort-native-path", paramLabel = "DIR", description = "ONNX Runtime natives to load instead "
            + "of the jar's (as for every command; also TRM_ORT_NATIVE_PATH or ort_native_path in --config).")
    String ortNativePath;

    @Option(names = "--config", paramLabel = "FILE", description = "Settings file (reads ort_native_path).")
    Path config;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Override
    public Integer call() {
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        if (ortNativePath != null) {
            flags.put(Setting.ORT_NATIVE_PATH, ortNativePath);
        }
        RunOptions.useNativePath(TrmConfig.builder().environment(((TrmCli) spec.root().userObject()).env)
                .file(config).flags(flags).build().settings());
        RuntimeReport ort = RuntimeReport.probe();
        HostInfo.Gpus gpus = HostInfo.gpus();
        HostInfo.Cpu cpu = HostInfo.cpu();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(toJson(ort, gpus, cpu));
            return TrmCli.OK;
        }
        out.printf(Locale.ROOT, "onnxruntime  Java API %s (%s), native library %s%n", ort.javaApiVersion(),
                ort.javaArtifact(), ort.nativeVersion());
        out.printf(Locale.ROOT, "native path  %s%n", ort.nativePath() == null ? "(the jar's own natives)" : ort.nativePath());
        out.printf(Locale.ROOT, "providers    %s (as built; only trying tells whether CUDA starts)%n",
                String.join(", ", ort.providers()));
        out.printf(Locale.ROOT, "cuda         %s%n", ort.cudaStarts() ? "starts" : "does not start: " + ort.cudaProblem());
        if (gpus.devices().isEmpty()) {
            out.printf(Locale.ROOT, "gpu          none visible (%s)%n", gpus.note());
        }
        for (String gpu : gpus.devices()) {
            out.printf(Locale.ROOT, "gpu          %s%n", gpu);
        }
        out.printf(Locale.ROOT, "cpu          %s, %d processors; vector flags: %s%n", cpu.model(), cpu.processors(),
                cpu.flags().isEmpty() ? "none of " + String.join(" ", HostInfo.VECTOR_FLAGS) : String.join(" ", cpu.flags()));
        out.printf(Locale.ROOT, "java         %s (%s), %s %s%n", System.getProperty("java.version"),
                System.getProperty("java.vendor"), System.getProperty("os.name"), System.getProperty("os.arch"));
        return TrmCli.OK;
    }

    private static String toJson(RuntimeReport ort, HostInfo.Gpus gpus, HostInfo.Cpu cpu) {
        ObjectNode o = JSON.createObjectNode();
        ObjectNode r = o.putObject("onnxruntime");
        r.put("java_api_version", ort.javaApiVersion());
        r.put("java_artifact", ort.javaArtifact());
        r.put("native_version", ort.nativeVersion());
        r.put("native_path", ort.nativePath());
        ort.providers().forEach(r.putArray("providers")::add);
        r.put("cuda_starts", ort.cudaStarts());
        r.put("cuda_problem", ort.cudaProblem());
        ObjectNode g = o.putObject("gpu");
        gpus.devices().forEach(g.putArray("devices")::add);
        g.put("note", gpus.note());
        ObjectNode c = o.putObject("cpu");
        c.put("model", cpu.model());
        c.put("processors", cpu.processors());
        cpu.flags().forEach(c.putArray("vector_flags")::add);
        ObjectNode j = o.putObject("java");
        j.put("version", System.getProperty("java.version"));
        j.put("vendor", System.getProperty("java.vendor"));
        j.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
