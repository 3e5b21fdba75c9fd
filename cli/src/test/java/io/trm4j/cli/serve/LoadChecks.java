package io.trm4j.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trm4j.cli.serve.LoadCase.Expected;
import io.trm4j.cli.serve.LoadSender.Outcome;

import java.io.IOException;
import java.util.List;

/** What each outcome of a load run must be; a problem is one line naming the request, null when all is well. */
final class LoadChecks {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LoadChecks() {
    }

    /** A valid request's answer, or a malformed one's clear 4xx. */
    static String check(Outcome o) {
        if (!o.answered()) {
            return where(o) + "no response: " + o.error();
        }
        return o.request().kind().valid() ? answers(o) : clearError(o, o.request().kind().status());
    }

    /** Each answer equals the sequential run's for its own input, in order: nothing lost or mixed up. */
    static String answers(Outcome o) {
        if (o.status() != 200) {
            return where(o) + "status " + o.status() + ": " + o.body().strip();
        }
        JsonNode json = parse(o);
        if (json == null) {
            return where(o) + "not JSON: " + o.body();
        }
        List<Expected> expected = o.request().expected();
        JsonNode results = o.request().kind() == LoadCase.Kind.BATCH ? json.path("results") : null;
        if (results != null && results.size() != expected.size()) {
            return where(o) + results.size() + " results for " + expected.size() + " inputs";
        }
        for (int i = 0; i < expected.size(); i++) {
            JsonNode r = results == null ? json : results.get(i);
            Expected e = expected.get(i);
            if (!e.answer().equals(r.path("answer").asText()) || e.steps() != r.path("steps").asInt()
                    || !e.verdict().equals(r.path("verdict").path("status").asText())) {
                return where(o) + "input " + i + " answered " + r + ", the sequential run " + e;
            }
        }
        return null;
    }

    /** The expected 4xx, as JSON {"error": "..."} with a message that is not blank. */
    static String clearError(Outcome o, int status) {
        if (o.status() != status) {
            return where(o) + "status " + o.status() + " (expected " + status + "): " + o.body().strip();
        }
        JsonNode json = parse(o);
        JsonNode error = json == null ? null : json.get("error");
        if (error == null || json.size() != 1 || !error.isTextual() || error.asText().isBlank()) {
            return where(o) + "no clear error message: " + o.body();
        }
        return null;
    }

    private static JsonNode parse(Outcome o) {
        try {
            JsonNode json = JSON.readTree(o.body());
            return json != null && json.isObject() ? json : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String where(Outcome o) {
        LoadCase c = o.request();
        String body = new String(c.body(), java.nio.charset.StandardCharsets.UTF_8);
        return "request " + c.id() + " (" + c.kind().label() + ", " + c.method() + " " + c.path() + ", "
                + (body.length() > 80 ? body.substring(0, 80) + "..." : body) + "): ";
    }
}
