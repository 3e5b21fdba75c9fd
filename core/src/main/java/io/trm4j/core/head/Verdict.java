package io.trm4j.core.head;

import static java.util.Objects.requireNonNull;

/** Whether an answer was checked and found right. */
public record Verdict(Status status, String detail) {
    public enum Status { SOLVED, UNSOLVED, UNVERIFIED }

    public Verdict {
        requireNonNull(status, "status is null");
        requireNonNull(detail, "detail is null");
    }

    public static Verdict solved() {
        return new Verdict(Status.SOLVED, "");
    }

    public static Verdict unsolved(String reason) {
        return new Verdict(Status.UNSOLVED, reason);
    }

    public static Verdict unverified(String why) {
        return new Verdict(Status.UNVERIFIED, why);
    }
}
