package io.trm4j.cli.serve;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One request of a load run: what to send, and what must come back. A valid request carries the
 * answers of a sequential run of the same reasoner (one per input, in order); a malformed one the
 * status codes it may get.
 *
 * @param transport how the bytes go out: the JDK client (Content-Length or chunked), or a raw socket
 *                  that sends fewer body bytes than its Content-Length says and half-closes
 * @param expected  the answers of a valid request (one per input), empty for a malformed one
 */
record LoadCase(int id, Kind kind, String method, String path, String contentType, byte[] body,
                Transport transport, List<Expected> expected) {

    /** What a sequential run answered for one input. */
    record Expected(String answer, int steps, String verdict) {
    }

    enum Transport { PLAIN, CHUNKED, TRUNCATED }

    /** The kinds of request the mix sends, each with the statuses it may get. */
    enum Kind {
        VALID(200), BATCH(200),
        BAD_JSON(400), WRONG_TYPE(400), UNKNOWN_FIELD(400), BAD_PUZZLE(400), WRONG_CONTENT_TYPE(400),
        EMPTY_BODY(400), TRUNCATED_BODY(400), OVERSIZE(413), UNKNOWN_PATH(404), WRONG_METHOD(405);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        int status() {
            return status;
        }

        boolean valid() {
            return status == 200;
        }

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    LoadCase {
        requireNonNull(kind, "kind is null");
        requireNonNull(method, "method is null");
        requireNonNull(path, "path is null");
        requireNonNull(body, "body is null");
        requireNonNull(transport, "transport is null");
        expected = List.copyOf(expected);
        if (kind.valid() == expected.isEmpty()) {
            throw new IllegalArgumentException(kind + " with " + expected.size() + " expected answers");
        }
    }
}
