package io.trm4j.cli;

import io.trm4j.core.TrmException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A positional input: literal text, {@code -} for stdin, or {@code @file}. */
final class InputText {
    private InputText() {
    }

    static String read(String arg, InputStream stdin) {
        try {
            if (arg.equals("-")) {
                return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (arg.startsWith("@") && arg.length() > 1) {
                Path file = Path.of(arg.substring(1));
                if (!Files.isRegularFile(file)) {
                    throw new TrmException(file + ": no such input file");
                }
                return Files.readString(file, StandardCharsets.UTF_8);
            }
            return arg;
        } catch (IOException e) {
            throw new TrmException("cannot read input " + arg + ": " + e.getMessage(), e);
        }
    }
}
