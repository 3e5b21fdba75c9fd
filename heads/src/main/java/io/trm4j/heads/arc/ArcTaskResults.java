package io.trm4j.heads.arc;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trm4j.core.Reasoning;
import io.trm4j.core.TrmException;
import io.trm4j.core.eval.EvalCase;
import io.trm4j.core.eval.EvalReport;
import io.trm4j.core.head.Verdict;
import io.trm4j.core.head.command.EvalSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code trm eval arc DIR} keeps of each task that ran: its two attempts per test input (for
 * {@code --submission FILE}, the ARC Prize JSON {@code {"<task>": [{"attempt_1": grid,
 * "attempt_2": grid}, ...], ...}}) and whether it was solved pass@2 (the {@code per_task} JSON).
 * Below the report it gives pass@2 over every task file, tasks not run (not trained on,
 * unreadable) counting as unsolved.
 */
final class ArcTaskResults implements EvalSource.Results {
    private final Map<String, Reasoning<Object>> results = new TreeMap<>();
    private final int taskFiles;
    private final Path submission;

    /** {@code submission}: where to write the submission JSON, or null for none. */
    ArcTaskResults(int taskFiles, Path submission) {
        this.taskFiles = taskFiles;
        this.submission = submission;
    }

    @Override
    public void add(EvalCase c, Reasoning<Object> r) {
        if (r.answer() instanceof ArcAnswer a && a.taskId() != null) {
            results.put(a.taskId(), r);
        }
    }

    int size() {
        return results.size();
    }

    @Override
    public void report(EvalReport report, PrintWriter out, ObjectNode json) {
        long solved = Math.round(report.exact() * report.n());
        out.printf(Locale.ROOT, "  pass@2 over all %d task files: %d solved (%.1f%%); %d not run (counted unsolved)%n",
                taskFiles, solved, 100.0 * solved / taskFiles, taskFiles - report.n());
        json.put("tasks", taskFiles);
        json.put("exact_all_tasks", (double) solved / taskFiles);
        json.set("per_task", perTask());
        if (submission != null) {
            writeSubmission(submission);
            out.printf(Locale.ROOT, "  submission: %d tasks written to %s%n", size(), submission);
            json.put("submission", submission.toString());
        }
    }

    /** {@code {"<task>": {"solved": true, "steps": 8}, ...}} for the tasks that ran. */
    ObjectNode perTask() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        results.forEach((id, r) -> o.putObject(id).put("solved", r.verdict().status() == Verdict.Status.SOLVED)
                .put("steps", r.steps()));
        return o;
    }

    void writeSubmission(Path file) {
        StringBuilder sb = new StringBuilder("{");
        results.forEach((id, r) -> sb.append(sb.length() == 1 ? "" : ",\n").append('"')
                .append(JsonStringEncoder.getInstance().quoteAsString(id)).append("\":")
                .append(((ArcAnswer) r.answer()).toSubmissionJson()));
        try {
            Files.writeString(file, sb.append("}\n").toString());
        } catch (IOException e) {
            throw new TrmException(file + ": cannot write the submission: " + e.getMessage(), e);
        }
    }
}
