package io.trm4j.core.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Which of a library's needed shared libraries the dynamic loader cannot find, by asking
 * {@code ldd} (glibc's own resolver, so LD_LIBRARY_PATH, RUNPATH and the ld.so cache all count).
 * ORT's CUDA failure says only "Failed to load shared library"; this names the missing CUDA pieces.
 */
final class LddProbe {
    private LddProbe() {
    }

    /** The "lib... => not found" names for {@code library}; empty when all resolve or ldd is unavailable. */
    static List<String> notFound(Path library) {
        Process p;
        try {
            p = new ProcessBuilder("ldd", library.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            return List.of();
        }
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return List.of();
            }
            return parse(out);
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    static List<String> parse(String lddOutput) {
        List<String> missing = new ArrayList<>();
        for (String line : lddOutput.split("\n")) {
            int arrow = line.indexOf("=> not found");
            if (arrow > 0) {
                missing.add(line.substring(0, arrow).strip());
            }
        }
        return missing;
    }
}
