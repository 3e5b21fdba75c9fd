package io.trm4j.cli;

import io.trm4j.core.TrmException;
import io.trm4j.heads.arc.ArcHead;
import io.trm4j.heads.arc.ArcTask;
import picocli.CommandLine.Option;

import java.util.Locale;

/**
 * {@code --unknown-task fail|fallback} of {@code trm solve} and {@code trm eval} (a picocli mixin):
 * what the ARC head does with a task its model was not trained on. TRM learns one embedding per
 * task, so the fallback (the model's {@code <mean>} or blank embedding) is an explicit choice.
 */
final class ArcFlags {
    @Option(names = "--unknown-task", paramLabel = "fail|fallback",
            description = "arc: a task the model was not trained on fails (default), or runs with the model's "
                    + "fallback embedding (accuracy expected near zero; a warning says so).")
    String unknownTask;

    /** Fails early when the flag is set for another head or has a bad value. */
    void check(String head) {
        if (unknownTask != null && head != null && !ArcHead.NAME.equals(head)) {
            throw new TrmException("--unknown-task applies to the arc head only, not '" + head + "'");
        }
        mode();
    }

    /** The input with the flag applied (inputs of other heads unchanged). */
    Object apply(Object input) {
        return input instanceof ArcTask t && unknownTask != null ? t.withUnknownTask(mode()) : input;
    }

    private ArcTask.UnknownTask mode() {
        if (unknownTask == null) {
            return ArcTask.UnknownTask.FAIL;
        }
        return switch (unknownTask.toLowerCase(Locale.ROOT)) {
            case "fail" -> ArcTask.UnknownTask.FAIL;
            case "fallback" -> ArcTask.UnknownTask.FALLBACK;
            default -> throw new TrmException("--unknown-task must be fail or fallback, got '" + unknownTask + "'");
        };
    }
}
