package io.trm4j.core.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.trm4j.core.TrmException;

import java.io.IOException;
import java.util.stream.Collectors;

/** Parses {@code manifest.json}; every error names the file and the field. */
public final class ManifestReader {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private ManifestReader() {
    }

    /**
     * @param json   the file's bytes
     * @param origin where it came from, for messages (e.g. {@code /models/x/manifest.json})
     */
    public static Manifest parse(byte[] json, String origin) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new TrmException(origin + ": not valid JSON: " + oneLine(e));
        }
        if (tree == null || !tree.isObject()) {
            throw new TrmException(origin + ": expected a JSON object");
        }
        // Check the version first: a newer format may not even have the fields we expect.
        JsonNode version = tree.get("format_version");
        if (version == null || !version.canConvertToInt()) {
            throw new TrmException(origin + ": field 'format_version' is missing or not an integer");
        }
        if (version.asInt() > Manifest.SUPPORTED_FORMAT_VERSION) {
            throw new TrmException(origin + ": " + Manifest.tooNew(version.asInt()));
        }
        try {
            return MAPPER.treeToValue(tree, Manifest.class);
        } catch (JsonProcessingException e) {
            throw new TrmException(origin + ": " + describe(e));
        } catch (IllegalArgumentException e) {
            throw new TrmException(origin + ": " + rootMessage(e));
        }
    }

    private static String describe(JsonProcessingException e) {
        Throwable cause = e.getCause();
        // Validation failures in the records' compact constructors arrive wrapped.
        if (cause instanceof RuntimeException) {
            return rootMessage(cause);
        }
        String path = e instanceof JsonMappingException m
                ? m.getPath().stream()
                        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                        .collect(Collectors.joining("."))
                : "?";
        return "invalid field '" + path + "': " + e.getOriginalMessage().replace('\n', ' ');
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    private static String oneLine(Exception e) {
        String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.replace('\n', ' ');
    }
}
