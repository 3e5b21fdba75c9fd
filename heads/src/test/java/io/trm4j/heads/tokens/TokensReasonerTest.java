package io.trm4j.heads.tokens;

import io.trm4j.core.LoadOptions;
import io.trm4j.core.ExecutionProvider;
import io.trm4j.core.ReasonOptions;
import io.trm4j.core.Reasoner;
import io.trm4j.core.Reasoning;
import io.trm4j.core.Trm;
import io.trm4j.core.TrmConfig;
import io.trm4j.core.TrmException;
import io.trm4j.core.TrmModule;
import io.trm4j.core.config.Setting;
import io.trm4j.core.head.HeadRegistry;
import io.trm4j.core.head.Verdict;
import io.trm4j.core.loop.HaltingPolicy;
import io.trm4j.core.testing.Fixtures;
import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** End to end: Trm.load on a fixture directory with the tokens head found by ServiceLoader. */
class TokensReasonerTest {
    private static final LoadOptions CPU1 = LoadOptions.builder().threads(1).build();

    private static List<Tokens> inputs(int n, long seed) {
        Random r = new Random(seed);
        List<Tokens> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int[] ids = new int[16];
            for (int p = 0; p < 16; p++) {
                ids[p] = 1 + r.nextInt(7);
            }
            out.add(new Tokens(ids));
        }
        return out;
    }

    @Test
    void headIsDiscoveredByServiceLoader() {
        HeadRegistry heads = HeadRegistry.discover();
        assertTrue(heads.names().contains("tokens"), heads.names().toString());
    }

    @Test
    void reasonsEndToEnd() {
        try (Reasoner<Tokens, Tokens> r = Trm.load(Fixtures.dir(Fixtures.ATTN), CPU1)) {
            assertEquals("tokens", r.head().name());
            assertEquals("tiny-attn", r.model().name());
            Reasoning<Tokens> res = r.reasonText("7 4 4 7 3 2 2 3 6 4 6 2 2 4 4 7",
                    ReasonOptions.builder().maxSteps(5).trace(true).build());
            assertEquals(16, res.answer().size());
            assertEquals(5, res.steps());
            assertEquals(5, res.trace().size());
            assertEquals(Verdict.Status.UNVERIFIED, res.verdict().status());
            assertTrue(res.confidence() > 0 && res.confidence() < 1);
            assertTrue(!res.elapsed().isNegative());
            assertEquals(res.answer(), new Tokens(res.trace().get(4).prediction()));
            // Defaults from the manifest: 16 steps, fixed, no trace.
            Reasoning<Tokens> full = r.reason(res.answer());
            assertEquals(16, full.steps());
            assertTrue(full.trace().isEmpty());
        }
    }

    @Test
    void reasonAllMatchesOneByOne() {
        List<Tokens> in = inputs(6, 3);
        ReasonOptions act = ReasonOptions.builder().halting(HaltingPolicy.Kind.ACT).build();
        try (Reasoner<Tokens, Tokens> r = Trm.load(Fixtures.dir(Fixtures.MLPT), CPU1)) {
            List<Reasoning<Tokens>> batched = r.reasonAll(in, act);
            for (int i = 0; i < in.size(); i++) {
                Reasoning<Tokens> alone = r.reason(in.get(i), act);
                assertEquals(alone.answer(), batched.get(i).answer(), "input " + i);
                assertEquals(alone.steps(), batched.get(i).steps(), "input " + i);
            }
        }
    }

    @Test
    void sharedByThreadsGivesTheSequentialAnswers() throws Exception {
        List<Tokens> in = inputs(8, 11);
        try (Reasoner<Tokens, Tokens> r = Trm.load(Fixtures.dir(Fixtures.ATTN), CPU1)) {
            List<Tokens> sequential = new ArrayList<>();
            for (Tokens t : in) {
                sequential.add(r.reason(t).answer());
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Tokens>> futures = new ArrayList<>();
                for (int round = 0; round < 3; round++) {
                    for (Tokens t : in) {
                        futures.add(pool.submit(() -> r.reason(t).answer()));
                    }
                }
                for (int i = 0; i < futures.size(); i++) {
                    assertEquals(sequential.get(i % in.size()), futures.get(i).get(60, TimeUnit.SECONDS), "call " + i);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void closingTwiceIsSafeAndCloseWaitsForRunningCalls() throws Exception {
        Reasoner<Tokens, Tokens> r = Trm.load(Fixtures.dir(Fixtures.ATTN), CPU1);
        List<Tokens> in = inputs(64, 5);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        CountDownLatch firstDone = new CountDownLatch(1);
        try {
            Future<Integer> running = pool.submit(() -> {
                int done = 0;
                for (Tokens t : in) {
                    try {
                        r.reason(t);
                        done++;
                        firstDone.countDown();
                    } catch (TrmException e) {
                        assertTrue(e.getMessage().contains("is closed"), e.getMessage());
                        break;
                    }
                }
                return done;
            });
            assertTrue(firstDone.await(60, TimeUnit.SECONDS), "the first call never finished");
            r.close(); // must not free native memory under a running step
            assertDoesNotThrow(r::close);
            running.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        TrmException e = assertThrows(TrmException.class, () -> r.reason(in.get(0)));
        assertEquals("reasoner for model 'tiny-attn' is closed", e.getMessage());
    }

    @Test
    void autoProviderFallsBackAndStillRuns() {
        try (Reasoner<Tokens, Tokens> r = Trm.load(Fixtures.dir(Fixtures.ATTN),
                CPU1.toBuilder().provider(ExecutionProvider.AUTO).build())) {
            assertEquals(ExecutionProvider.CPU, r.provider());
            assertEquals(16, r.reason(inputs(1, 1).get(0)).answer().size());
        }
    }

    @Test
    void cudaFailsCleanly() {
        TrmException e = assertThrows(TrmException.class,
                () -> Trm.load(Fixtures.dir(Fixtures.ATTN), CPU1.toBuilder().provider(ExecutionProvider.CUDA).build()));
        assertTrue(e.getMessage().startsWith("CUDA execution provider unavailable:"), e.getMessage());
    }

    @Test
    void unknownHeadOverrideListsKnownHeads() {
        TrmException e = assertThrows(TrmException.class,
                () -> Trm.load(Fixtures.dir(Fixtures.ATTN), CPU1.toBuilder().head("nope").build()));
        assertTrue(e.getMessage().startsWith("unknown head 'nope'; known heads: "), e.getMessage());
        assertTrue(e.getMessage().contains("tokens"));
    }

    @Test
    void loadsBundledModelsByNameOrHeadFromTheClasspath(@TempDir Path tmp) throws Exception {
        Path models = Files.createDirectories(tmp.resolve("trm4j/models/tiny-attn"));
        try (var files = Files.list(Fixtures.dir(Fixtures.ATTN))) {
            for (Path f : files.toList()) {
                Files.copy(f, models.resolve(f.getFileName()));
            }
        }
        Files.writeString(tmp.resolve("trm4j/models/index.txt"), "tiny-attn\n");
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader cl = new URLClassLoader(new URL[] {tmp.toUri().toURL()}, previous)) {
            thread.setContextClassLoader(cl);
            for (String ref : List.of("tiny-attn", "tokens")) {
                try (Reasoner<Tokens, Tokens> r = Trm.load(ref, CPU1)) {
                    assertEquals("tiny-attn", r.model().name());
                    assertEquals("classpath:trm4j/models/tiny-attn", r.model().source());
                    assertEquals(16, r.reason(inputs(1, 4).get(0)).steps());
                }
            }
            TrmException e = assertThrows(TrmException.class, () -> Trm.load("no-such-model", CPU1));
            assertTrue(e.getMessage().startsWith("no bundled model named or for head 'no-such-model'; bundled: "
                    + "tiny-attn (head tokens)"), e.getMessage());
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Test
    void guiceModuleBindsASharedReasoner() {
        var injector = Guice.createInjector(new TrmModule(
                TrmConfig.of(Fixtures.dir(Fixtures.ATTN).toString()).with(Setting.THREADS, 1)
                        .with(Setting.MAX_STEPS, 3)));
        Key<Reasoner<?, ?>> key = Key.get(new TypeLiteral<Reasoner<?, ?>>() { });
        Reasoner<?, ?> r = injector.getInstance(key);
        try {
            assertSame(r, injector.getInstance(key));
            @SuppressWarnings("unchecked")
            Reasoner<Tokens, Tokens> tokens = (Reasoner<Tokens, Tokens>) r;
            assertEquals(3, tokens.reason(inputs(1, 2).get(0)).steps());
        } finally {
            r.close();
        }
    }
}
