package io.trm4j.examples.puzzles;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The repository README's Java snippet is {@link QuickStartTest}'s quick start, imports included:
 * the README shows what this project compiles and runs, not a copy that can drift.
 */
class ReadmeSnippetTest {
    private static final Path EXAMPLE = Path.of("").toAbsolutePath();
    private static final Path README = EXAMPLE.resolve("../../README.md").normalize();
    private static final Path QUICK_START =
            EXAMPLE.resolve("src/test/java/io/trm4j/examples/puzzles/QuickStartTest.java");

    @Test
    void theReadmeShowsTheCompiledQuickStart() throws IOException {
        List<String> source = Files.readAllLines(QUICK_START);
        String imports = source.stream()
                .filter(l -> l.startsWith("import io.trm4j."))
                .collect(Collectors.joining("\n"));
        int from = indexOf(source, "// --- quick start ---") + 1;
        int to = indexOf(source, "// --- end ---");
        int indent = source.get(from).indexOf("try");
        String body = source.subList(from, to).stream()
                .map(l -> l.substring(Math.min(indent, l.length() - l.stripLeading().length())))
                .collect(Collectors.joining("\n"));
        String readme = Files.readString(README);
        String snippet = "```java\n" + imports + "\n\n" + body + "\n```";
        assertTrue(readme.contains(snippet), () -> README + " should show the quick start as compiled here:\n" + snippet);
    }

    private static int indexOf(List<String> lines, String marker) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(marker)) {
                return i;
            }
        }
        throw new AssertionError("no line '" + marker + "' in " + QUICK_START);
    }
}
