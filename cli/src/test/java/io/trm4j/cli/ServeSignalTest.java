package io.trm4j.cli;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real SIGTERM to a real {@code trm serve} process while work is in flight: every request still
 * gets its answer, and the process stops cleanly (exit 0, no native crash from ONNX Runtime's own
 * shutdown hook; see StopSignals).
 */
class ServeSignalTest {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void sigtermFinishesInFlightWorkThenExitsCleanly() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder server = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                TrmCli.class.getName(), "serve", "--port", "0", "--threads", "1", "--model", "sudoku")
                .redirectErrorStream(true);
        // trm reads TRM_* as its settings: the server runs on its flags alone, whatever this JVM's caller set
        server.environment().keySet().removeIf(name -> name.startsWith("TRM_"));
        Process p = server.start();
        StringBuffer output = new StringBuffer();
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    output.append(line).append('\n');
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        url.complete(m.group(1));
                    }
                }
            } catch (java.io.IOException e) {
                url.completeExceptionally(e);
            }
            url.completeExceptionally(new AssertionError("the server exited before listening"));
        });
        reader.start();
        try {
            String base = url.get(60, TimeUnit.SECONDS);
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(base + "/v1/solve/sudoku"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"input\": \""
                                + BundledSudokuTest.README_PUZZLE + "\"}")).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            awaitRunning(base, calls.size()); // every puzzle has reached a batch
            assertTrue(calls.stream().anyMatch(c -> !c.isDone()), "all answered before the signal: nothing in flight");
            p.toHandle().destroy(); // SIGTERM (Process.destroy() would also close our end of its output)
            for (CompletableFuture<HttpResponse<String>> c : calls) {
                HttpResponse<String> r = c.get(60, TimeUnit.SECONDS);
                assertEquals(200, r.statusCode(), r.body());
            }
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the server did not stop: " + output);
            reader.join(10_000);
            assertEquals(0, p.exitValue(), output.toString());
            assertTrue(output.toString().contains("trm serve: stopped"), "exit " + p.exitValue() + ": " + output);
        } finally {
            p.destroyForcibly();
        }
    }

    /** Waits until {@code n} puzzles have started running (the batch-size histogram's sum). */
    private static void awaitRunning(String base, int n) throws Exception {
        Pattern sum = Pattern.compile("(?m)^trm_batch_size_sum\\{model=\"sudoku\"} (\\d+)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = sum.matcher(metrics);
            if (m.find() && Integer.parseInt(m.group(1)) >= n) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, "the puzzles never ran: " + metrics);
            Thread.sleep(2);
        }
    }
}
