package io.trm4j.core.model;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.trm4j.core.testing.Fixtures;
import io.trm4j.core.testing.Fuzz;
import io.trm4j.core.testing.FuzzInput;
import org.junit.jupiter.api.AfterAll;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * Issue 8, fuzzing (Jazzer): {@link ModelLoader#load} of a fixture copy with one file damaged: its
 * {@code manifest.json} replaced by the fuzzer's bytes (seeded with the fixtures' manifests and the
 * past findings: a NUL or {@code ..} in a file name), or its {@code init.bin},
 * {@code identifiers.json} or {@code puzzle_emb.f32} truncated and with bytes flipped: a model, or
 * a {@code TrmException} with a message; never another exception or a hang.
 *
 * <p>Input layout ({@link FuzzedDataProvider} reads numbers from the end): the fixture (last byte,
 * mod 5), the file (the byte before, mod 4); for the manifest the rest is {@link FuzzInput#bytes};
 * for the other files the length to keep ({@code consumeInt(0, length)}) and then up to 64 edits,
 * each a position and an XOR mask.
 */
class ManifestFuzzTest {
    private static final String[] FIXTURES = {Fixtures.ATTN, Fixtures.MLPT, Fixtures.SEQUENCE, "tiny-official-attn",
        "tiny-official-table"};
    private static final String[] FILES = {ModelLoader.MANIFEST, "init.bin", "identifiers.json", "puzzle_emb.f32"};
    private static final int MAX_EDITS = 64;

    @AfterAll
    static void report() {
        Fuzz.report("ManifestFuzzTest");
    }

    @FuzzTest(maxDuration = "60s")
    @DictionaryEntries({"\"cell\"", "\"init\"", "\"identifiers\"", "\"identifiers_sha256\"", "\"cell_sha256\"",
        "\"puzzle_table\"", "\"file\"", "\"rows\"", "\"dim\"", "\"hidden_size\"", "\"state_len\"", "\"seq_len\"",
        "\"vocab_size\"", "\"format_version\"", "\"cell.onnx\"", "\"init.bin\"", "\"../other/cell.onnx\"", "\"\\u0000\"",
        "\"/\"", "2147483648", "-1", "0"})
    void loadDamagedModel(FuzzedDataProvider data) {
        String fixture = data.pickValue(FIXTURES);
        String file = data.pickValue(FILES);
        Path dir = workDir(fixture);
        Path target = dir.resolve(file);
        try {
            byte[] original = Files.exists(target) ? Files.readAllBytes(target) : null;
            byte[] damaged = file.equals(ModelLoader.MANIFEST) ? FuzzInput.bytes(data) : edit(original, data);
            if (damaged != null) {
                Files.write(target, damaged);
            }
            String what = "load of " + fixture + " with " + file + " damaged ("
                    + (damaged == null ? "absent" : damaged.length + " bytes") + ")";
            Model model = Fuzz.typedOrValid(what, () -> ModelLoader.load(dir));
            if (model != null) {
                model.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            restore(fixture, file, target);
        }
    }

    /** {@code original} truncated and with bytes XOR-ed, as the fuzzer says; null when the file is absent. */
    private static byte[] edit(byte[] original, FuzzedDataProvider data) {
        if (original == null) {
            return null;
        }
        byte[] b = Arrays.copyOf(original, data.consumeInt(0, original.length));
        for (int i = 0; i < MAX_EDITS && b.length > 0 && data.remainingBytes() > 0; i++) {
            b[data.consumeInt(0, b.length - 1)] ^= data.consumeByte();
        }
        return b;
    }

    /** A copy of the fixture under target/ (made once; each run restores the file it damaged). */
    private static Path workDir(String fixture) {
        Path dir = Path.of("target", "fuzz-models", fixture);
        if (!Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(Fixtures.dir(fixture))) {
                Files.createDirectories(dir);
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.copy(f, dir.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    private static void restore(String fixture, String file, Path target) {
        Path original = Fixtures.dir(fixture).resolve(file);
        try {
            if (Files.exists(original)) {
                Files.copy(original, target, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.deleteIfExists(target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
