package io.trm4j.examples.puzzles;

import io.trm4j.core.Provider;
import io.trm4j.core.TrmConfig;
import io.trm4j.core.config.Setting;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * The service's configuration: one trm4j model configuration per kind of puzzle, read from a
 * properties file ({@code sudoku.model=sudoku}, {@code maze.threads=1}, ...; see
 * {@code puzzles.properties}). Swapping a model, its provider or its threads is a change to that
 * file only.
 *
 * @param sudoku the model that solves Sudoku puzzles
 * @param maze   the model that solves mazes
 */
public record PuzzleConfig(TrmConfig sudoku, TrmConfig maze) {
    /** The configuration on the classpath, used when no file is given. */
    public static final String DEFAULT_RESOURCE = "puzzles.properties";

    private static final List<String> ROLES = List.of("sudoku", "maze");
    private static final List<String> SETTINGS = List.of("model", "provider", "threads", "maxSteps");

    public PuzzleConfig {
        requireNonNull(sudoku, "sudoku is null");
        requireNonNull(maze, "maze is null");
    }

    /** Reads a properties file; errors name the file and the key. */
    public static PuzzleConfig load(Path file) {
        requireNonNull(file, "file is null");
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Properties p = new Properties();
            p.load(in);
            return from(p, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read the configuration", e);
        }
    }

    /** The default configuration bundled with the service ({@value #DEFAULT_RESOURCE}). */
    public static PuzzleConfig loadDefault() {
        try (InputStream in = PuzzleConfig.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RESOURCE + " is not on the classpath");
            }
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return from(p, "classpath:" + DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(DEFAULT_RESOURCE + ": cannot read the configuration", e);
        }
    }

    static PuzzleConfig from(Properties p, String source) {
        Set<String> known = new TreeSet<>();
        ROLES.forEach(role -> SETTINGS.forEach(s -> known.add(role + "." + s)));
        for (String key : p.stringPropertyNames()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(source + ": unknown key '" + key + "'; known keys: " + known);
            }
        }
        return new PuzzleConfig(model(p, "sudoku", source), model(p, "maze", source));
    }

    private static TrmConfig model(Properties p, String role, String source) {
        String model = p.getProperty(role + ".model");
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException(source + ": " + role + ".model is missing (a bundled model name "
                    + "or a model directory)");
        }
        TrmConfig config = TrmConfig.of(model.strip());
        String provider = p.getProperty(role + ".provider");
        if (provider != null) {
            config = config.with(Setting.PROVIDER, Provider.parse(provider));
        }
        String threads = p.getProperty(role + ".threads");
        if (threads != null) {
            config = config.with(Setting.THREADS, positiveInt(threads, role + ".threads", source));
        }
        String maxSteps = p.getProperty(role + ".maxSteps");
        if (maxSteps != null) {
            config = config.with(Setting.MAX_STEPS, positiveInt(maxSteps, role + ".maxSteps", source));
        }
        return config;
    }

    private static int positiveInt(String text, String key, String source) {
        try {
            int value = Integer.parseInt(text.strip());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the key
        }
        throw new IllegalArgumentException(source + ": " + key + " is '" + text + "', expected a positive whole number");
    }
}
