package io.trm4j.cli.serve;

import io.trm4j.cli.serve.LoadReport.Memory;
import io.trm4j.cli.serve.LoadSender.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8, the service under load and faults: {@code trm serve} (in process, loopback, the
 * tiny-attn fixture) takes 64 concurrent clients sending a mix of valid requests (single puzzles
 * and batches, three sets of options) and malformed ones (bad JSON, wrong types, unknown fields,
 * bad puzzles, a form/XML/multipart body, empty and truncated bodies, oversize bodies, unknown
 * paths, wrong methods). Every valid answer must equal the sequential run's for its own input,
 * every malformed request must get its 4xx with a message (no 5xx), no request may be lost (the
 * client's count of each status equals the server's metrics), and the heap and RSS stay bounded.
 * CI runs 640 requests; {@code -Dtrm.load.requests=N -Dtrm.load.clients=C} runs a longer one.
 */
class ServeUnderLoadTest {
    private static final int REQUESTS = Integer.getInteger("trm.load.requests", 640);
    private static final int CLIENTS = Integer.getInteger("trm.load.clients", 64);
    private static final int MAX_BODY = 16 << 10;
    /** Growth allowed over the run: the heap (after a GC) and the resident set, clients and server together. */
    private static final long HEAP_SLACK = 256L << 20;
    private static final long RSS_SLACK_KB = 512L << 10;

    private static LoadFixture fixture;

    @BeforeAll
    static void load() {
        fixture = new LoadFixture(24, 8);
    }

    @AfterAll
    static void unload() {
        fixture.close();
    }

    @Test
    void sixtyFourClientsMixingValidAndMalformedRequests() throws Exception {
        ServeConfig config = ServeConfig.loopback().withMaxBodyBytes(MAX_BODY);
        List<LoadCase> cases = fixture.mix(MAX_BODY, 1).cases(REQUESTS);
        try (TrmServer server = TrmServer.start(fixture.reasoner, config)) {
            LoadSender sender = new LoadSender("127.0.0.1", server.port(), Duration.ofSeconds(60));
            // Two halves: the first warms up (JIT, request threads, heap growth), the second must not grow.
            Duration limit = Duration.ofSeconds(60 + REQUESTS / 20);
            Memory before = Memory.sample();
            long start = System.nanoTime();
            List<Outcome> outcomes = new ArrayList<>(LoadRun.start(sender, cases.subList(0, REQUESTS / 2), CLIENTS,
                    o -> false).await(limit));
            Memory mid = Memory.sample();
            outcomes.addAll(LoadRun.start(sender, cases.subList(REQUESTS / 2, REQUESTS), CLIENTS, o -> false)
                    .await(limit));
            long wall = System.nanoTime() - start;
            Memory after = Memory.sample();
            System.out.println(LoadReport.line(outcomes, CLIENTS, wall, List.of(before, mid, after)));

            assertEquals(REQUESTS, outcomes.size(), "requests lost");
            List<String> problems = outcomes.stream().map(LoadChecks::check).filter(Objects::nonNull).toList();
            assertTrue(problems.isEmpty(), problems.size() + " bad outcomes, first: "
                    + problems.subList(0, Math.min(5, problems.size())));
            assertEquals(clientCounts(outcomes), serverCounts(server), "responses by status: client vs server");
            assertTrue(after.heapBytes() - before.heapBytes() < HEAP_SLACK, "heap grew: " + before.mib() + " -> "
                    + after.mib());
            assertTrue(after.rssKb() - mid.rssKb() < RSS_SLACK_KB, "RSS grew after warm-up: " + mid.mib() + " -> "
                    + after.mib());
        }
    }

    private static Map<String, Long> clientCounts(List<Outcome> outcomes) {
        return outcomes.stream().collect(Collectors.groupingBy(o -> Integer.toString(o.status()), TreeMap::new,
                Collectors.counting()));
    }

    /** Responses the server sent (its /metrics counts each one before sending it), by status. */
    private static Map<String, Long> serverCounts(TrmServer server) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.url() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("trm_requests_total\\{endpoint=\"[a-z_]+\",model=\"[^\"]*\",status=\"(\\d+)\"} (\\d+)")
                .matcher(r.body());
        Map<String, Long> counts = new TreeMap<>();
        while (m.find()) {
            counts.merge(m.group(1), Long.parseLong(m.group(2)), Long::sum);
        }
        return counts;
    }
}
