package io.trm4j.core.model;

import io.trm4j.core.testing.Fixtures;
import io.trm4j.core.testing.Fuzz;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.Tuple;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Issue 8, fuzzing: {@link ManifestReader#parse} given mutated fixture manifests (fields removed,
 * retyped, out of range, added; then text edits), random text and huge or deeply nested JSON; and
 * {@link ModelLoader#load} of a fixture whose manifest, init.bin or identifiers.json is damaged:
 * a manifest or model, or a {@code TrmException} with a message; never another exception or a hang.
 */
class ManifestFuzzTest {
    private static final List<String> FIXTURES = List.of(Fixtures.ATTN, Fixtures.MLPT, Fixtures.SEQUENCE,
            "tiny-official-attn", "tiny-official-table");
    private static final List<String> MANIFESTS = FIXTURES.stream().map(ManifestFuzzTest::manifestText).toList();

    @AfterContainer
    static void report() {
        Fuzz.report("ManifestFuzzTest");
    }

    @Property
    void anyManifestText(@ForAll("manifests") String text) {
        Fuzz.typedOrValid("parse of " + text.length() + " chars",
                () -> ManifestReader.parse(text.getBytes(StandardCharsets.UTF_8), "fuzz/manifest.json"));
    }

    @Property
    void hugeManifests(@ForAll("huge") Fuzz.Big big) {
        Fuzz.typedOrValid("parse of " + big, () -> ManifestReader.parse(big.text().getBytes(StandardCharsets.UTF_8),
                "fuzz/manifest.json"));
    }

    @Property
    void randomBytes(@ForAll byte[] bytes) {
        Fuzz.typedOrValid("parse of bytes", () -> ManifestReader.parse(bytes, "fuzz/manifest.json"));
    }

    /** A fixture copy with its manifest replaced (or init.bin / identifiers.json damaged), then loaded. */
    @Property
    void loadDamagedModel(@ForAll("damage") Damage damage) throws IOException {
        Path dir = workDir(damage.fixture);
        try {
            damage.apply(dir);
            Model model = Fuzz.typedOrValid("load of " + damage, () -> ModelLoader.load(dir));
            if (model != null) {
                model.close();
            }
        } finally {
            restore(damage.fixture, dir);
        }
    }

    @Provide
    Arbitrary<String> manifests() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Fuzz.mutatedJson(MANIFESTS)),
                Tuple.of(2, Fuzz.mutated(MANIFESTS, "{}[]\",:0123456789-.eE ")),
                Tuple.of(1, Fuzz.anyString()),
                Tuple.of(1, Fuzz.json(List.of("format_version", "name", "head", "arch", "seq_len", "vocab"))));
    }

    @Provide
    Arbitrary<Fuzz.Big> huge() {
        return Fuzz.huge(MANIFESTS, "{}[]\",:0");
    }

    @Provide
    Arbitrary<Damage> damage() {
        Arbitrary<String> manifest = Fuzz.mutatedJson(MANIFESTS);
        return Arbitraries.integers().between(0, FIXTURES.size() - 1).flatMap(f ->
                Arbitraries.frequencyOf(
                        Tuple.of(6, Fuzz.mutatedJson(List.of(MANIFESTS.get(f))).map(m -> new Damage(FIXTURES.get(f), "manifest.json", m, 0))),
                        Tuple.of(2, Arbitraries.longs().map(seed -> new Damage(FIXTURES.get(f), "init.bin", null, seed))),
                        Tuple.of(2, Arbitraries.longs().map(seed -> new Damage(FIXTURES.get(f), "identifiers.json", null, seed))),
                        Tuple.of(1, manifest.map(m -> new Damage(FIXTURES.get(f), "manifest.json", m, 0)))));
    }

    /** What to damage: a file replaced by {@code text}, or (text null) truncated/bit-flipped by a seed. */
    record Damage(String fixture, String file, String text, long seed) {
        void apply(Path dir) throws IOException {
            Path p = dir.resolve(file);
            if (text != null) {
                Files.write(p, text.getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (!Files.exists(p)) {
                return;
            }
            Random r = new Random(seed);
            byte[] b = Files.readAllBytes(p);
            if (r.nextBoolean() && b.length > 0) {
                b = java.util.Arrays.copyOf(b, r.nextInt(b.length));
            } else {
                for (int i = 0, n = 1 + r.nextInt(8); i < n && b.length > 0; i++) {
                    b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                }
            }
            Files.write(p, b);
        }

        @Override
        public String toString() {
            return fixture + "/" + file + (text == null ? " damaged with seed " + seed
                    : " = " + (text.length() > 300 ? text.substring(0, 300) + "..." : text));
        }
    }

    private static Path workDir(String fixture) {
        Path dir = Path.of("target", "fuzz-models", fixture);
        if (!Files.isDirectory(dir)) {
            restore(fixture, dir);
        }
        return dir;
    }

    private static void restore(String fixture, Path dir) {
        try {
            Files.createDirectories(dir);
            List<Path> files = new ArrayList<>();
            try (var s = Files.list(Fixtures.dir(fixture))) {
                s.forEach(files::add);
            }
            for (Path f : files) {
                Path to = dir.resolve(f.getFileName());
                if (!Files.exists(to) || Files.size(to) != Files.size(f) || !f.getFileName().toString().equals("cell.onnx")) {
                    Files.copy(f, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String manifestText(String fixture) {
        try {
            return Files.readString(Fixtures.dir(fixture).resolve("manifest.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
