package io.trm4j.cli.serve;

import io.trm4j.core.TrmException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The OpenAPI 3 description of the service, a resource in the jar (docs/openapi.json is a copy). */
public final class OpenApiDocument {
    public static final String RESOURCE = "io/trm4j/cli/serve/openapi.json";
    private static volatile String text;

    private OpenApiDocument() {
    }

    /** The document's text, read once. */
    public static String text() {
        String t = text;
        if (t == null) {
            try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new TrmException(RESOURCE + " is missing from the jar");
                }
                t = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new TrmException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
            }
            text = t;
        }
        return t;
    }
}
