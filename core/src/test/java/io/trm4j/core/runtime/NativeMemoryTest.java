package io.trm4j.core.runtime;

import io.trm4j.core.ExecutionProvider;
import io.trm4j.core.head.EncodedBatch;
import io.trm4j.core.loop.ContinuousLoop;
import io.trm4j.core.loop.HaltingPolicy;
import io.trm4j.core.loop.LoopSettings;
import io.trm4j.core.model.Model;
import io.trm4j.core.model.ModelLoader;
import io.trm4j.core.testing.Fixtures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8, native memory (a first, short form): many supervision steps on one session, with batch
 * sizes that change (tensors re-bound, buffers grown) and ACT halting (rows compacted), keep the
 * process's resident memory flat after warm-up: the highest RSS after it may exceed the highest
 * during it by {@link #SLACK_KB} at most. CI runs {@value #DEFAULT_STEPS} steps;
 * {@code -Dtrm.soak.steps=1000000} runs the long form. Linux only (reads /proc/self/status).
 */
class NativeMemoryTest {
    private static final int DEFAULT_STEPS = 2_000;
    /** Growth allowed after warm-up: allocator noise, JIT, the Java heap (in RSS too): up to 46 MiB seen. */
    private static final long SLACK_KB = 96 * 1024;

    @Test
    void residentMemoryStaysFlatOverManySteps() throws IOException {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "needs /proc");
        int steps = Integer.getInteger("trm.soak.steps", DEFAULT_STEPS);
        Random random = new Random(8);
        try (Model model = ModelLoader.load(Fixtures.dir(Fixtures.ATTN));
             CellSession cell = new CellSession(model, new SessionSettings(ExecutionProvider.CPU, 1, false))) {
            ContinuousLoop loop = new ContinuousLoop(cell);
            LoopSettings act = new LoopSettings(16, new HaltingPolicy(HaltingPolicy.Kind.ACT, 2), false, null);
            int done = 0;
            // warm-up: half of a short run, a fifth of a long one; its highest RSS is the baseline
            int warmUp = steps <= 20_000 ? steps / 2 : steps / 5;
            long warm = 0;
            long peak = 0;
            while (done < steps) {
                int batch = 1 + random.nextInt(8);
                long[][] tokens = new long[batch][16];
                long[] ids = new long[batch];
                for (int r = 0; r < batch; r++) {
                    for (int i = 0; i < 16; i++) {
                        tokens[r][i] = random.nextInt(8);
                    }
                    ids[r] = random.nextInt(3);
                }
                // the session runs until the last row halts: the batch's steps are its rows' maximum
                done += loop.run(new EncodedBatch(tokens, ids), act, model.init())
                        .stream().mapToInt(r -> r.steps()).max().orElse(0);
                if (done < warmUp) {
                    warm = Math.max(warm, rssKb());
                } else {
                    peak = Math.max(peak, rssKb());
                }
            }
            long end = rssKb();
            String figures = "RSS highest in warm-up " + warm / 1024 + " MiB, peak " + peak / 1024 + " MiB, end "
                    + end / 1024 + " MiB over " + done + " steps";
            System.out.println("native memory: " + figures);
            assertTrue(end - warm < SLACK_KB && peak - warm < SLACK_KB, figures);
        }
    }

    private static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
