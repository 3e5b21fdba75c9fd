package io.trm4j.heads.arc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trm4j.core.TrmException;
import io.trm4j.core.eval.EvalCase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code trm eval arc DIR}: every {@code *.json} of a directory (sorted by name) is one ARC task,
 * named by its file (e.g. {@code 00576224.json} is task {@code 00576224}); its test outputs are the
 * expected answer, matched pass@2 (every test output among its two attempts). A file that is not
 * JSON, or a task without test outputs, becomes a rejected case (counted, named, never run).
 */
final class ArcTaskDir {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ArcTaskDir() {
    }

    static List<EvalCase> read(Path dir, int limit) {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new TrmException(dir + ": cannot list the directory: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new TrmException(dir + ": no ARC task files (*.json) in the directory");
        }
        List<EvalCase> cases = new ArrayList<>();
        for (Path f : limit > 0 ? files.subList(0, Math.min(limit, files.size())) : files) {
            cases.add(caseOf(f));
        }
        return cases;
    }

    private static EvalCase caseOf(Path file) {
        String name = file.getFileName().toString();
        String id = name.substring(0, name.length() - ".json".length());
        JsonNode task;
        try {
            task = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            return EvalCase.rejected(name, "not a JSON task file: " + e.getMessage().lines().findFirst().orElse(""));
        }
        JsonNode test = task == null ? null : task.get("test");
        if (test == null || !test.isArray() || test.isEmpty()) {
            return EvalCase.rejected(name, "no \"test\" array: not an ARC task file");
        }
        ArrayNode expected = JSON.createArrayNode();
        for (JsonNode pair : test) {
            JsonNode out = pair.get("output");
            if (out == null) {
                return EvalCase.rejected(name, "a test input has no \"output\": nothing to score against");
            }
            expected.add(out);
        }
        ObjectNode named = JSON.createObjectNode();
        named.set(id, task);
        try {
            return new EvalCase(name, JSON.writeValueAsString(named), JSON.writeValueAsString(expected), EvalCase.NO_GROUP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
