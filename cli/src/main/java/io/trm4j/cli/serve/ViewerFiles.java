package io.trm4j.cli.serve;

import io.trm4j.core.TrmException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The trace viewer's static files, served at {@code GET /} (the page), {@code /viewer.js},
 * {@code /grid.js}, {@code /runs.js}, {@code /examples.js} and {@code /viewer.css}: a fixed list
 * read from the jar once, so no request path reaches the class path. They hold nothing secret and
 * a browser cannot send a bearer header when it opens a page, so they need no token; the page sends
 * the token with every API call.
 */
final class ViewerFiles {
    private static final String DIR = "io/trm4j/cli/serve/viewer/";
    private static final Map<String, String[]> FILES = Map.of(
            "/", new String[]{"index.html", "text/html; charset=utf-8"},
            "/viewer.js", new String[]{"viewer.js", "text/javascript; charset=utf-8"},
            "/grid.js", new String[]{"grid.js", "text/javascript; charset=utf-8"},
            "/runs.js", new String[]{"runs.js", "text/javascript; charset=utf-8"},
            "/examples.js", new String[]{"examples.js", "text/javascript; charset=utf-8"},
            "/viewer.css", new String[]{"viewer.css", "text/css; charset=utf-8"});
    /** Scripts and styles from the page's own origin only, API calls to it only, never framed. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final Map<String, String> TEXTS = new ConcurrentHashMap<>();

    /** A file to send: its content type and text. */
    record File(String type, String text) {
    }

    private ViewerFiles() {
    }

    /** The file served at {@code path}, if that is one of the viewer's. */
    static Optional<File> find(String path) {
        String[] f = FILES.get(path);
        return f == null ? Optional.empty() : Optional.of(new File(f[1], TEXTS.computeIfAbsent(f[0], ViewerFiles::read)));
    }

    private static String read(String name) {
        try (InputStream in = ViewerFiles.class.getClassLoader().getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new TrmException(DIR + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TrmException("cannot read " + DIR + name + ": " + e.getMessage(), e);
        }
    }
}
