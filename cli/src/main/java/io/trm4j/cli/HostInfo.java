package io.trm4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/** The host facts {@code trm doctor} prints beside the runtime's: CPU model and vector flags, GPUs. */
final class HostInfo {
    /** The flags that decide which CPU kernels ONNX Runtime can use (a later speed question). */
    static final List<String> VECTOR_FLAGS = List.of("avx", "avx2", "fma", "f16c", "avx512f", "avx512bw",
            "avx512_vnni", "avx512_bf16", "avx512_fp16", "avx_vnni", "amx_tile", "amx_int8", "amx_bf16");

    /** The CPU's model name and which of {@link #VECTOR_FLAGS} it has. */
    record Cpu(String model, int processors, List<String> flags) {
        Cpu {
            requireNonNull(model, "model is null");
            flags = List.copyOf(requireNonNull(flags, "flags is null"));
        }
    }

    /** What nvidia-smi reported: one "name, memory" line per GPU, or why there is none. */
    record Gpus(List<String> devices, String note) {
        Gpus {
            devices = List.copyOf(requireNonNull(devices, "devices is null"));
        }
    }

    private HostInfo() {
    }

    static Cpu cpu() {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            lines = List.of();
        }
        return parseCpu(lines, Runtime.getRuntime().availableProcessors());
    }

    /** Reads the first processor's {@code model name} and {@code flags} lines of /proc/cpuinfo. */
    static Cpu parseCpu(List<String> cpuinfo, int processors) {
        String model = System.getProperty("os.arch", "unknown");
        Set<String> flags = Set.of();
        boolean modelSeen = false;
        for (String line : cpuinfo) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (key.equals("model name") && !modelSeen) {
                model = value;
                modelSeen = true;
            } else if ((key.equals("flags") || key.equals("Features")) && flags.isEmpty()) {
                flags = Set.copyOf(Arrays.asList(value.split("\\s+")));
            }
        }
        Set<String> has = flags;
        return new Cpu(model, processors, VECTOR_FLAGS.stream().filter(has::contains).toList());
    }

    static Gpus gpus() {
        List<String> command = List.of("nvidia-smi", "--query-gpu=name,memory.total", "--format=csv,noheader");
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Gpus(List.of(), "nvidia-smi not found: no NVIDIA driver visible");
        }
        try {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Gpus(List.of(), "nvidia-smi did not answer within 20 s");
            }
            List<String> out = new ArrayList<>();
            for (String line : new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    out.add(line.strip());
                }
            }
            return p.exitValue() == 0 ? new Gpus(out, null)
                    : new Gpus(List.of(), "nvidia-smi failed: " + String.join(" ", out));
        } catch (IOException e) {
            return new Gpus(List.of(), "nvidia-smi could not be read: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Gpus(List.of(), "interrupted while waiting for nvidia-smi");
        }
    }
}
