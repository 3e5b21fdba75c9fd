package io.trm4j.core.model;

import io.trm4j.core.TrmException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Checks the cell file against the manifest's optional {@code cell_sha256}. A flipped bit inside
 * the weights leaves a valid graph that loads and answers wrongly; only a digest catches it.
 */
final class CellDigest {
    private CellDigest() {
    }

    /** Does nothing when the manifest has no {@code cell_sha256}. */
    static void check(ModelSource source, Manifest m) {
        String expected = m.cellSha256();
        if (expected == null) {
            return;
        }
        String origin = source.describe(m.cell());
        String actual = sha256(source, m.cell(), origin);
        if (!actual.equals(expected)) {
            throw new TrmException(origin + ": sha256 is " + actual + " but " + ModelLoader.MANIFEST
                    + " field 'cell_sha256' is " + expected
                    + " (the cell file is damaged, or is not the one exported with this manifest)");
        }
    }

    /** Streams a file on disk (a cell can be tens of MB); reads a classpath one whole. */
    private static String sha256(ModelSource source, String file, String origin) {
        Optional<Path> path = source.path(file);
        if (path.isEmpty()) {
            return Identifiers.sha256(source.read(file));
        }
        try (InputStream in = Files.newInputStream(path.get())) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new TrmException(origin + ": cannot read: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
