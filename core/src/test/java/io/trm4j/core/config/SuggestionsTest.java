package io.trm4j.core.config;

import io.trm4j.core.TrmException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Did you mean" suggestions, and the fuzzing finding 4 (docs/RELIABILITY.md): an unknown key of a
 * million characters in a config file took seconds (an edit distance against every known key),
 * more than 10 s under the fuzzer.
 */
class SuggestionsTest {
    @Test
    void typosGetTheClosestKey() {
        assertEquals(Optional.of("max_steps"), Suggestions.closest("max_step", List.of("max_steps", "threads")));
        assertEquals(Optional.empty(), Suggestions.closest("colour", List.of("max_steps", "threads")));
    }

    /** Without the length bound this is 2 * 10^10 steps of edit distance: minutes. */
    @Test
    @Timeout(5)
    void hugeWordIsAnsweredQuickly() {
        List<String> keys = IntStream.range(0, 1000).mapToObj(i -> String.format("setting_number_%05d", i)).toList();
        assertEquals(Optional.empty(), Suggestions.closest("k".repeat(1 << 20), keys));
        assertEquals(Optional.of("setting_number_00042"), Suggestions.closest("setting_numbr_00042", keys));
    }

    @Test
    @Timeout(5)
    void hugeUnknownKeyInAConfigFileIsAClearErrorQuickly(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("trm.conf");
        Files.writeString(file, "k".repeat(1 << 20) + " = 1\n");
        TrmException e = assertThrows(TrmException.class, () -> new SettingsResolver(Map.of()).resolve(Map.of(), file));
        assertTrue(e.getMessage().startsWith("unknown key 'kkkk"), e.getMessage().substring(0, 40));
    }
}
