package io.trm4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trm4j.core.TrmException;
import io.trm4j.core.eval.EvalCase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code trm loadtest URL --file puzzles.csv --clients 32 --duration 20}: closed-loop clients,
 * each POSTing one puzzle at a time (the next as soon as the answer arrives), over loopback.
 */
@Command(name = "loadtest", mixinStandardHelpOptions = true,
        description = "Measure a running 'trm serve': requests/s and latency with N concurrent clients.")
final class LoadTestCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Parameters(index = "0", paramLabel = "URL",
            description = "The solve endpoint, e.g. http://127.0.0.1:8080/v1/solve/sudoku")
    URI url;

    @Option(names = "--file", paramLabel = "CSV", required = true,
            description = "Puzzles: a CSV with a 'question' column (as for trm eval).")
    Path file;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "1000", description = "Puzzles to cycle through (default: 1000).")
    int limit;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "1", description = "Concurrent clients (default: 1).")
    int clients;

    @Option(names = "--duration", paramLabel = "S", defaultValue = "20", description = "Measured seconds (default: 20).")
    int duration;

    @Option(names = "--warmup", paramLabel = "S", defaultValue = "3", description = "Unmeasured seconds first (default: 3).")
    int warmup;

    private record ClientStats(long[] latencies, int count, long batchSum, int errors) {
    }

    @Override
    public Integer call() throws Exception {
        if (clients < 1 || duration < 1 || warmup < 0) {
            throw new TrmException("need --clients >= 1, --duration >= 1 and --warmup >= 0");
        }
        if (!"http".equals(url.getScheme()) || url.getHost() == null || url.getPath() == null
                || !url.getPath().matches("/v1/solve/[^/]+")) {
            throw new TrmException("URL must look like http://HOST:PORT/v1/solve/HEAD, got '" + url + "'");
        }
        List<String> bodies = new ArrayList<>();
        for (EvalCase c : EvalFile.readCsv(file, limit, null)) {
            bodies.add(JSON.createObjectNode().put("input", c.input()).toString());
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        long start = System.nanoTime();
        long measureFrom = start + warmup * 1_000_000_000L;
        long end = measureFrom + duration * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>(clients);
        ClientStats[] stats = new ClientStats[clients];
        LongAdder failures = new LongAdder();
        if (bodies.isEmpty()) {
            throw new TrmException(file + ": no puzzles");
        }
        String[] firstError = new String[1];
        for (int c = 0; c < clients; c++) {
            int id = c;
            Thread t = new Thread(() -> stats[id] = client(http, bodies, id, measureFrom, end, failures, firstError),
                    "load-" + c);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        long[] all = Arrays.stream(stats).flatMapToLong(s -> Arrays.stream(s.latencies(), 0, s.count())).sorted()
                .toArray();
        long batchSum = Arrays.stream(stats).mapToLong(ClientStats::batchSum).sum();
        int errors = Arrays.stream(stats).mapToInt(ClientStats::errors).sum();
        spec.commandLine().getOut().printf(Locale.ROOT,
                "clients %d  requests %d  errors %d  req/s %.1f  p50 ms %.1f  p99 ms %.1f  mean batch %.1f%n",
                clients, all.length, errors, all.length / (double) duration, pct(all, 0.50), pct(all, 0.99),
                all.length == 0 ? 0.0 : batchSum / (double) all.length);
        if (firstError[0] != null) {
            spec.commandLine().getOut().println("first error: " + firstError[0]);
        }
        return errors == 0 ? TrmCli.OK : TrmCli.UNSOLVED;
    }

    private ClientStats client(HttpClient http, List<String> bodies, int id, long measureFrom, long end,
                               LongAdder failures, String[] firstError) {
        long[] lat = new long[1024];
        int n = 0;
        long batchSum = 0;
        int errors = 0;
        int i = id * 7919; // clients start at different puzzles
        long now;
        while ((now = System.nanoTime()) < end) {
            String body = bodies.get(Math.floorMod(i++, bodies.size()));
            HttpRequest req = HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            try {
                HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
                long t = System.nanoTime();
                if (now < measureFrom || t > end) {
                    continue; // warmup, or finished after the window closed
                }
                if (res.statusCode() != 200) {
                    errors++;
                    synchronized (firstError) {
                        firstError[0] = firstError[0] == null ? res.statusCode() + " " + res.body().strip() : firstError[0];
                    }
                    continue;
                }
                JsonNode json = JSON.readTree(res.body());
                batchSum += json.path("batch_size").asInt();
                if (n == lat.length) {
                    lat = Arrays.copyOf(lat, n * 2);
                }
                lat[n++] = t - now;
            } catch (IOException | RuntimeException e) { // count it and go on: one failure must not end the run
                errors++;
                failures.increment();
                synchronized (firstError) {
                    firstError[0] = firstError[0] == null ? e.toString() : firstError[0];
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new ClientStats(lat, n, batchSum, errors);
    }

    private static double pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
}
