package io.trm4j.heads;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Stage;
import com.google.inject.TypeLiteral;
import com.google.inject.name.Named;
import io.trm4j.core.LoadOptions;
import io.trm4j.core.ReasonOptions;
import io.trm4j.core.Reasoner;
import io.trm4j.core.Reasoning;
import io.trm4j.core.Trm;
import io.trm4j.core.TrmConfig;
import io.trm4j.core.TrmException;
import io.trm4j.core.TrmModule;
import io.trm4j.core.head.HeadKey;
import io.trm4j.core.testing.Fixtures;
import io.trm4j.heads.sequence.SequenceInput;
import io.trm4j.heads.sequence.SequencePrediction;
import io.trm4j.heads.tokens.Tokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Loading by a {@link HeadKey}: the head's types are the compiler's to check (this file compiling
 * is the proof of the typed forms), a model for another head fails at load, and Guice injects
 * typed reasoners, several from one configuration.
 */
class TypedLoadTest {
    private static final LoadOptions CPU1 = LoadOptions.builder().threads(1).build();
    private static final String TOKENS = "7 4 4 7 3 2 2 3 6 4 6 2 2 4 4 7";

    @TempDir
    Path tmp;

    @Test
    void loadsADirectoryWithTheKeysTypes() {
        try (Reasoner<Tokens, Tokens> r = Trm.load(Fixtures.dir(Fixtures.ATTN), Heads.TOKENS, CPU1)) {
            Tokens answer = r.reasonText(TOKENS, ReasonOptions.builder().maxSteps(3).build()).answer();
            assertEquals(16, answer.size());
        }
        try (Reasoner<SequenceInput, SequencePrediction> r = Trm.load(Fixtures.dir(Fixtures.SEQUENCE), Heads.SEQUENCE)) {
            assertEquals("sequence", r.head().name());
        }
    }

    @Test
    void aModelForAnotherHeadFailsAtLoadNamingBoth() {
        TrmException e = assertThrows(TrmException.class, () -> Trm.load(Fixtures.dir(Fixtures.ATTN), Heads.SUDOKU, CPU1));
        assertTrue(e.getMessage().contains("a model for the tokens head, loaded as the sudoku head"), e.getMessage());
        assertTrue(e.getMessage().contains("manifest.json"), e.getMessage());
    }

    @Test
    void aKeyOutOfStepWithItsHeadFails() {
        HeadKey<String, Integer> wrong = HeadKey.of("tokens", String.class, Integer.class);
        TrmException e = assertThrows(TrmException.class, () -> Trm.load(Fixtures.dir(Fixtures.ATTN), wrong, CPU1));
        assertTrue(e.getMessage().contains("the tokens head reasons io.trm4j.heads.tokens.Tokens -> "
                + "io.trm4j.heads.tokens.Tokens, not java.lang.String -> java.lang.Integer"), e.getMessage());
    }

    @Test
    void everyKeyMatchesItsRegisteredHead() {
        for (HeadKey<?, ?> key : Heads.all()) {
            assertEquals(key.name(), key.cast(Trm.heads().get(key.name())).name());
        }
    }

    /** A service as a user writes it: typed reasoners by constructor injection, no cast. */
    static final class TwoModelService {
        final Reasoner<Tokens, Tokens> tokens;
        final Reasoner<SequenceInput, SequencePrediction> sequence;

        @Inject
        TwoModelService(@Named("tokens") Reasoner<Tokens, Tokens> tokens,
                        @Named("seq") Reasoner<SequenceInput, SequencePrediction> sequence) {
            this.tokens = tokens;
            this.sequence = sequence;
        }
    }

    @Test
    void oneInjectorServesTwoTypedModelsFromOneConfigFile() throws Exception {
        Path f = tmp.resolve("service.properties");
        Files.writeString(f, "threads=1\nmodels.tokens.path=" + Fixtures.dir(Fixtures.ATTN) + "\nmodels.tokens.max_steps=4\n"
                + "models.seq.path=" + Fixtures.dir(Fixtures.SEQUENCE) + "\n");
        TrmConfig config = TrmConfig.builder().environment(Map.of()).systemProperties(Map.of()).file(f).build();
        Injector injector = Guice.createInjector(Stage.PRODUCTION, new TrmModule(config));
        TwoModelService service = injector.getInstance(TwoModelService.class);
        try (Reasoner<Tokens, Tokens> tokens = service.tokens;
             Reasoner<SequenceInput, SequencePrediction> sequence = service.sequence) {
            Reasoning<Tokens> res = tokens.reasonText(TOKENS);
            assertEquals(4, res.steps()); // the section's own max_steps
            assertEquals(1, tokens.loadOptions().threads()); // the top level's threads
            assertEquals("sequence", sequence.head().name());
            assertSame(tokens, injector.getInstance(TrmModule.key(Heads.TOKENS, "tokens")));
            Map<String, Reasoner<?, ?>> all = injector.getInstance(Key.get(new TypeLiteral<Map<String, Reasoner<?, ?>>>() { }));
            assertEquals(Map.of("tokens", tokens, "seq", sequence), all);
        }
    }

    @Test
    void aFlatConfigBindsTheTypedReasonerUnqualified() {
        TrmConfig config = TrmConfig.of(Fixtures.dir(Fixtures.ATTN).toString())
                .with(io.trm4j.core.config.Setting.THREADS, 1);
        Injector injector = Guice.createInjector(new TrmModule(config));
        try (Reasoner<Tokens, Tokens> r = injector.getInstance(Key.get(new TypeLiteral<Reasoner<Tokens, Tokens>>() { }))) {
            assertSame(r, injector.getInstance(Key.get(new TypeLiteral<Reasoner<?, ?>>() { })));
            assertEquals(16, r.reasonText(TOKENS).answer().size());
        }
    }

    @Test
    void aConfiguredModelForAnotherHeadFailsAtInjectorCreation() throws Exception {
        Path f = tmp.resolve("wrong.properties");
        Files.writeString(f, "models.sudoku.path=" + Fixtures.dir(Fixtures.ATTN) + "\nmodels.sudoku.head=sudokku\n");
        TrmConfig config = TrmConfig.builder().environment(Map.of()).systemProperties(Map.of()).file(f).build();
        CreationException e = assertThrows(CreationException.class,
                () -> Guice.createInjector(Stage.PRODUCTION, new TrmModule(config)));
        assertTrue(e.getMessage().contains("unknown head 'sudokku'"), e.getMessage());
    }
}
