package io.trm4j.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The CPU a figure was measured on: its model name and which of the flags that decide fp32, int8
 * and bf16 matrix speed it has (AVX-512 VNNI and AMX make int8 several times faster than AVX2's
 * int8 path; avx512_bf16 and amx_bf16 are what bf16 needs). Read from /proc/cpuinfo; a machine
 * without it gets an unknown model and no flags.
 *
 * @param model the first "model name", or "unknown"
 * @param flags the flags of {@link #WATCHED} it has, in that order
 */
public record CpuFeatures(String model, List<String> flags) {
    public static final List<String> WATCHED = List.of("avx2", "fma", "avx512f", "avx512_vnni", "avx512_bf16",
            "avx_vnni", "amx_tile", "amx_int8", "amx_bf16");
    private static final Pattern MODEL = Pattern.compile("^model name\\s*:\\s*(.+)$", Pattern.MULTILINE);
    private static final Pattern FLAGS = Pattern.compile("^flags\\s*:\\s*(.+)$", Pattern.MULTILINE);

    public CpuFeatures {
        flags = List.copyOf(flags);
    }

    /** This machine's, from /proc/cpuinfo. */
    public static CpuFeatures current() {
        try {
            return parse(Files.readString(Path.of("/proc/cpuinfo")));
        } catch (IOException | RuntimeException e) {
            return parse("");
        }
    }

    static CpuFeatures parse(String cpuinfo) {
        Matcher m = MODEL.matcher(cpuinfo);
        String model = m.find() ? m.group(1).strip() : "unknown";
        Matcher f = FLAGS.matcher(cpuinfo);
        Set<String> have = f.find() ? Arrays.stream(f.group(1).strip().split("\\s+")).collect(Collectors.toSet())
                : Set.of();
        return new CpuFeatures(model, WATCHED.stream().filter(have::contains).toList());
    }

    /** "AMD EPYC (avx2 fma)": for a table's header line. */
    public String describe() {
        return model + " (" + (flags.isEmpty() ? "none of " + String.join(" ", WATCHED) : String.join(" ", flags)) + ")";
    }
}
