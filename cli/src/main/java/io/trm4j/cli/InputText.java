package io.trm4j.cli;

import io.trm4j.core.TrmException;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A positional input of {@code trm solve}:
 * <ul>
 *   <li>{@code -}: standard input;</li>
 *   <li>{@code @FILE}: that file's text;</li>
 *   <li>the path of an existing regular file: that file's text (a maze is one line per row, so
 *       {@code trm solve maze maze.txt} must read the file);</li>
 *   <li>anything else: the puzzle text itself, except that an argument which looks like a path
 *       (see {@link #looksLikePath}) but names no file is an error ("no such file: X") rather than
 *       text for the head's parser to reject.</li>
 * </ul>
 */
final class InputText {
    /** Endings that mark an argument as a file name. */
    static final List<String> FILE_ENDINGS = List.of(".txt", ".json", ".csv");

    private InputText() {
    }

    /** What an argument held, and the file name (no directory) it came from: null for stdin or text. */
    record Input(String text, String fileName) {
    }

    static String read(String arg, InputStream stdin) {
        return resolve(arg, stdin).text();
    }

    static Input resolve(String arg, InputStream stdin) {
        if (arg.equals("-")) {
            try {
                return new Input(new String(stdin.readAllBytes(), StandardCharsets.UTF_8), null);
            } catch (IOException e) {
                throw new TrmException("cannot read standard input: " + e.getMessage(), e);
            }
        }
        if (arg.startsWith("@") && arg.length() > 1) {
            String name = arg.substring(1);
            Path file = pathOf(name);
            if (file == null || !Files.exists(file)) {
                throw new TrmException("no such file: " + name);
            }
            return fileInput(file, name);
        }
        Path file = looksLikeText(arg) ? null : pathOf(arg);
        if (file != null && Files.isRegularFile(file)) {
            return fileInput(file, arg);
        }
        if (looksLikePath(arg)) {
            throw new TrmException(file != null && Files.isDirectory(file)
                    ? arg + " is a directory, not an input file" : "no such file: " + arg);
        }
        return new Input(arg, null);
    }

    private static Input fileInput(Path file, String name) {
        Path fileName = file.getFileName();
        return new Input(readFile(file, name), fileName == null ? null : fileName.toString());
    }

    /**
     * Whether {@code arg} is meant as a file name: one line, not JSON, and either ending with
     * {@code .txt}, {@code .json} or {@code .csv}, or holding a path separator and no whitespace
     * (so text such as {@code "1/2 3/4"} stays text).
     */
    static boolean looksLikePath(String arg) {
        if (looksLikeText(arg)) {
            return false;
        }
        String lower = arg.strip().toLowerCase(Locale.ROOT);
        if (FILE_ENDINGS.stream().anyMatch(lower::endsWith)) {
            return true;
        }
        boolean separator = arg.indexOf('/') >= 0 || arg.indexOf(File.separatorChar) >= 0;
        return separator && arg.chars().noneMatch(Character::isWhitespace);
    }

    /** Multi-line, blank or JSON arguments are puzzle text, never file names. */
    private static boolean looksLikeText(String arg) {
        String s = arg.strip();
        return s.isEmpty() || arg.indexOf('\n') >= 0 || arg.indexOf('\r') >= 0
                || s.startsWith("{") || s.startsWith("[");
    }

    private static Path pathOf(String name) {
        try {
            return Path.of(name);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static String readFile(Path file, String name) {
        if (Files.isDirectory(file)) {
            throw new TrmException(name + " is a directory, not an input file");
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new TrmException(name + " is not UTF-8 text", e);
        } catch (IOException e) {
            throw new TrmException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }
}
