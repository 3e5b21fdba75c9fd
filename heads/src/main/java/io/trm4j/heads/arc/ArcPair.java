package io.trm4j.heads.arc;

import static java.util.Objects.requireNonNull;

/** A demonstration or test pair; a test pair's {@code output} is null when the task does not give it. */
public record ArcPair(ArcGrid input, ArcGrid output) {
    public ArcPair {
        requireNonNull(input, "input is null");
    }

    public boolean hasOutput() {
        return output != null;
    }
}
