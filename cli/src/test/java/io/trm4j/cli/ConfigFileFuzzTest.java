package io.trm4j.cli;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.trm4j.core.config.Setting;
import io.trm4j.core.config.SettingsResolver;
import io.trm4j.core.testing.Fuzz;
import io.trm4j.core.testing.FuzzInput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Issue 8, fuzzing (Jazzer): {@link SettingsResolver#resolve} of a {@code --config} file with any
 * bytes, and of one setting given any value as a flag and as its {@code TRM_*} variable: settings,
 * or a {@code TrmException} with a message; never another exception or a hang.
 *
 * <p>Input layout ({@link FuzzedDataProvider} reads numbers from the end): the setting (last byte),
 * the value's length in bytes (the byte before), then {@link FuzzInput#bytes}: the value (decoded as
 * UTF-8) and after it the config file.
 */
class ConfigFileFuzzTest {
    private static final Setting[] SETTINGS = Setting.values();

    @TempDir
    static Path dir;

    @AfterAll
    static void report() {
        Fuzz.report("ConfigFileFuzzTest");
    }

    @FuzzTest(maxDuration = "60s")
    @DictionaryEntries({"model", "head", "threads", "max_steps", "halting", "patience", "provider", "serve.port",
        "serve.host", "serve.max_batch", "serve.queue", "serve.timeout_ms", "serve.max_body_bytes", " = ", ": ",
        "# ", "! ", "act", "fixed", "converged", "cpu", "2147483648", "-1"})
    void configFiles(FuzzedDataProvider data) {
        Setting setting = data.pickValue(SETTINGS);
        int valueLength = data.consumeInt(0, 255);
        byte[] bytes = FuzzInput.bytes(data);
        int cut = Math.min(valueLength, bytes.length);
        String value = new String(bytes, 0, cut, StandardCharsets.UTF_8);
        Path file = dir.resolve("trm.conf");
        try {
            Files.write(file, Arrays.copyOfRange(bytes, cut, bytes.length));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Fuzz.typedOrValid("config file of " + (bytes.length - cut) + " bytes",
                () -> new SettingsResolver(Map.of()).resolve(Map.of(), file));
        Fuzz.typedOrValid(setting + " = " + Fuzz.describe(value), () -> new SettingsResolver(
                Map.of("TRM_" + setting.name(), value)).resolve(Map.of(setting, value), null));
    }
}
