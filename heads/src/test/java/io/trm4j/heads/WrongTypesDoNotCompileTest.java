package io.trm4j.heads;

import org.junit.jupiter.api.Test;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The point of {@code Trm.load(Heads.SUDOKU)}: the compiler, not a ClassCastException at run time,
 * rejects a reasoner of the wrong types. Compiles two small sources against this test's classpath.
 */
class WrongTypesDoNotCompileTest {
    private static final String SOURCE = """
            import io.trm4j.core.Reasoner;
            import io.trm4j.core.Trm;
            import io.trm4j.heads.Heads;

            class Use {
                void use() {
                    Reasoner<%s> r = Trm.load(Heads.SUDOKU);
                }
            }
            """;

    @Test
    void theKeysTypesCompileAndOthersDoNot() throws IOException {
        assertTrue(compile("io.trm4j.heads.sudoku.SudokuPuzzle, io.trm4j.heads.sudoku.SudokuGrid").isEmpty());
        String errors = compile("String, Integer");
        assertFalse(errors.isEmpty(), "Reasoner<String, Integer> = Trm.load(Heads.SUDOKU) compiled");
        assertTrue(errors.contains("incompatible"), errors);
    }

    /** Where trm4j's classes and what their signatures name come from (surefire may hide java.class.path). */
    private static String classpath() {
        return java.util.stream.Stream.of(io.trm4j.core.Trm.class, Heads.class, com.google.inject.Guice.class,
                        jakarta.inject.Inject.class)
                .map(c -> {
                    try {
                        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
                    } catch (java.net.URISyntaxException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .distinct().collect(Collectors.joining(java.io.File.pathSeparator));
    }

    /** The compiler's errors for {@link #SOURCE} with {@code types}, or "" when it compiles. */
    private static String compile(String types) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "the tests run on a JDK");
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Use.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return SOURCE.formatted(types);
            }
        };
        Path out = Files.createTempDirectory("typed-use");
        try {
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            List<String> options = List.of("-d", out.toString(), "-classpath", classpath(), "-proc:none");
            boolean ok = javac.getTask(null, null, diagnostics, options, null, List.of(file)).call();
            return ok ? "" : diagnostics.getDiagnostics().stream().map(d -> d.getMessage(null))
                    .collect(Collectors.joining("\n"));
        } finally {
            try (var files = Files.walk(out)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }
}
