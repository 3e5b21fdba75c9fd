package io.trm4j.heads.arc;

import io.trm4j.core.TrmException;
import io.trm4j.core.eval.EvalCase;
import io.trm4j.core.head.command.CommandKind;
import io.trm4j.core.head.command.EvalSource;
import io.trm4j.core.head.command.HeadOption;
import io.trm4j.core.head.command.InputAdjustment;
import io.trm4j.core.head.command.Invocation;
import io.trm4j.core.head.command.UsageException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the ARC head adds to {@code trm solve} and {@code trm eval}: {@code --unknown-task
 * fail|fallback}, what it does with a task its model was not trained on (TRM learns one embedding
 * per task, so the fallback, the model's {@code <mean>} or blank embedding, is an explicit choice);
 * {@code trm eval arc DIR}, a directory of task files scored pass@2 ({@link ArcTaskDir}); and
 * {@code --submission FILE}, the ARC Prize submission of the tasks that ran ({@link ArcTaskResults}).
 */
public final class ArcCommands implements InputAdjustment, EvalSource {
    static final String UNKNOWN_TASK = "--unknown-task";
    static final String SUBMISSION = "--submission";
    private static final List<HeadOption> OPTIONS = List.of(
            HeadOption.value(UNKNOWN_TASK, "fail|fallback", "arc: a task the model was not trained on fails "
                    + "(default), or runs with the model's fallback embedding (accuracy expected near zero; a "
                    + "warning says so).", CommandKind.SOLVE, CommandKind.EVAL),
            HeadOption.value(SUBMISSION, "FILE", "arc: also write the ARC Prize submission JSON (two attempts per "
                    + "test input) of the tasks that ran.", CommandKind.EVAL));

    @Override
    public List<HeadOption> options() {
        return OPTIONS;
    }

    /** Fails early when an ARC option is given for another head or has a bad value, or the eval file does not fit. */
    @Override
    public void check(Invocation invocation) {
        String head = invocation.head();
        if (invocation.has(UNKNOWN_TASK) && head != null && !ArcHead.NAME.equals(head)) {
            throw new TrmException("--unknown-task applies to the arc head only, not '" + head + "'");
        }
        mode(invocation);
        if (invocation.command() == CommandKind.EVAL) {
            checkEvalFile(invocation);
        }
    }

    /** The arc head reads a directory of task files, and only it does; --submission needs both. */
    private static void checkEvalFile(Invocation invocation) {
        Path file = invocation.file();
        boolean arc = ArcHead.NAME.equals(invocation.head());
        boolean dir = Files.isDirectory(file);
        if (dir && !arc) {
            throw new UsageException(file + " is a directory: only the arc head reads a directory of task files");
        } else if (!dir && invocation.has(SUBMISSION)) {
            throw new UsageException("--submission needs the arc head and a directory of task files");
        } else if (!dir && arc) {
            throw new UsageException("the arc head reads a directory of task files (*.json), not " + file);
        }
    }

    /** The task with {@code --unknown-task} applied (inputs of other heads unchanged). */
    @Override
    public Object adjust(Object input, Invocation invocation) {
        return input instanceof ArcTask t && invocation.has(UNKNOWN_TASK) ? t.withUnknownTask(mode(invocation)) : input;
    }

    @Override
    public boolean readsCases(Invocation invocation) {
        return invocation.file() != null && Files.isDirectory(invocation.file());
    }

    @Override
    public List<EvalCase> readCases(Invocation invocation, int limit) {
        return ArcTaskDir.read(invocation.file(), limit);
    }

    @Override
    public Results results(Invocation invocation, List<EvalCase> cases) {
        String submission = invocation.value(SUBMISSION);
        return new ArcTaskResults(cases.size(), submission == null ? null : Path.of(submission));
    }

    private static ArcTask.UnknownTask mode(Invocation invocation) {
        String value = invocation.value(UNKNOWN_TASK);
        if (value == null) {
            return ArcTask.UnknownTask.FAIL;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "fail" -> ArcTask.UnknownTask.FAIL;
            case "fallback" -> ArcTask.UnknownTask.FALLBACK;
            default -> throw new TrmException("--unknown-task must be fail or fallback, got '" + value + "'");
        };
    }
}
