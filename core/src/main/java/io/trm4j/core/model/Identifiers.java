package io.trm4j.core.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.trm4j.core.TrmException;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Checks a model's {@code identifiers.json} (the official dataset's list of puzzle names, index =
 * puzzle id) against the manifest: the file's sha256 equals {@code identifiers_sha256}, it is a JSON
 * array with one entry per puzzle id ({@code arch.num_puzzle_ids}), and every name in the inline
 * {@code puzzle_ids} sits at its id. A wrong mapping would silently score ~0%, so any mismatch fails.
 * The checked file's names are the model's puzzle vocabulary (an official ARC build has ~1M, far
 * more than a manifest inlines): {@link #check} returns them for {@link ModelInfo#puzzleIds()}.
 */
final class Identifiers {
    private static final JsonFactory JSON = new JsonFactory();

    private Identifiers() {
    }

    /**
     * Returns every name of the file at its id (a name listed twice keeps its first id), or the
     * manifest's inline {@code puzzle_ids} when it names no identifiers file.
     */
    static Map<String, Long> check(ModelSource source, Manifest m) {
        String file = m.identifiers();
        if (file == null) {
            return m.puzzleIds();
        }
        String origin = source.describe(file);
        if (!source.exists(file)) {
            throw new TrmException(origin + ": file not found (named by field 'identifiers' in "
                    + ModelLoader.MANIFEST + ")");
        }
        byte[] bytes = source.read(file);
        String actual = sha256(bytes);
        if (!actual.equals(m.identifiersSha256())) {
            throw new TrmException(origin + ": sha256 is " + actual + " but " + ModelLoader.MANIFEST
                    + " field 'identifiers_sha256' is " + m.identifiersSha256()
                    + " (this identifiers file does not belong to the model: puzzle ids would lose their meaning)");
        }
        Map<Long, String> inline = new HashMap<>();
        m.puzzleIds().forEach((name, id) -> inline.put(id, name));
        Map<String, Long> names = new HashMap<>();
        long count = 0;
        try (JsonParser p = JSON.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new TrmException(origin + ": expected a JSON array of puzzle names (index = puzzle id)");
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), count++) {
                if (t == null || !t.isScalarValue()) {
                    throw new TrmException(origin + ": entry " + count + " is not a name");
                }
                names.putIfAbsent(p.getText(), count);
                String expected = inline.get(count);
                if (expected != null && !expected.equals(p.getText())) {
                    throw new TrmException(ModelLoader.MANIFEST + " field 'puzzle_ids' maps '" + expected
                            + "' to " + count + " but " + origin + " has '" + p.getText() + "' there");
                }
            }
        } catch (IOException e) {
            throw new TrmException(origin + ": not valid JSON: " + e.getMessage().replace('\n', ' '), e);
        }
        if (count != m.arch().numPuzzleIds()) {
            throw new TrmException(origin + ": has " + count + " names but arch.num_puzzle_ids is "
                    + m.arch().numPuzzleIds());
        }
        for (Map.Entry<String, Long> e : m.puzzleIds().entrySet()) {
            if (e.getValue() < 0 || e.getValue() >= count) {
                throw new TrmException(ModelLoader.MANIFEST + " field 'puzzle_ids' maps '" + e.getKey() + "' to "
                        + e.getValue() + ", outside " + origin + " (ids 0.." + (count - 1) + ")");
            }
        }
        return names;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
