package io.trm4j.cli.serve;

import io.trm4j.cli.serve.LoadSender.Outcome;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The figures of one load run, printed as one line: counts by kind and status, latency, memory. */
final class LoadReport {
    /** Heap in use after a GC, heap committed, and the process's resident set (Linux; -1 elsewhere). */
    record Memory(long heapBytes, long committedBytes, long rssKb) {
        static Memory sample() {
            System.gc();
            Runtime rt = Runtime.getRuntime();
            return new Memory(rt.totalMemory() - rt.freeMemory(), rt.totalMemory(), readRssKb());
        }

        private static long readRssKb() {
            Path status = Path.of("/proc/self/status");
            if (!Files.isReadable(status)) {
                return -1;
            }
            try {
                return Files.readAllLines(status).stream().filter(l -> l.startsWith("VmRSS:"))
                        .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(-1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String mib() {
            return String.format(Locale.ROOT, "heap %d MiB used of %d MiB committed, RSS %s", heapBytes >> 20,
                    committedBytes >> 20, rssKb < 0 ? "?" : (rssKb >> 10) + " MiB");
        }
    }

    private LoadReport() {
    }

    /** Nearest-rank percentile of sorted nanoseconds, in milliseconds. */
    static double pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    /** @param memory samples in order: before, (mid, ...) after */
    static String line(List<Outcome> outcomes, int clients, long wallNanos, List<Memory> memory) {
        Map<String, Map<String, Long>> byKind = new TreeMap<>();
        for (Outcome o : outcomes) {
            byKind.computeIfAbsent(o.request().kind().label(), k -> new TreeMap<>())
                    .merge(o.answered() ? Integer.toString(o.status()) : "no response", 1L, Long::sum);
        }
        long[] all = outcomes.stream().mapToLong(Outcome::latencyNanos).sorted().toArray();
        long[] valid = outcomes.stream().filter(o -> o.request().kind().valid()).mapToLong(Outcome::latencyNanos)
                .sorted().toArray();
        long puzzles = outcomes.stream().filter(o -> o.request().kind().valid())
                .mapToLong(o -> o.request().expected().size()).sum();
        String kinds = byKind.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().entrySet().stream()
                .map(s -> s.getKey() + "x" + s.getValue()).collect(Collectors.joining("/")))
                .collect(Collectors.joining(", "));
        double seconds = wallNanos / 1e9;
        return String.format(Locale.ROOT, "serve load: %d requests (%d valid, %d puzzles) from %d clients in %.1f s "
                        + "(%.0f req/s); by kind and status: %s; latency p50 %.1f ms p99 %.1f ms (valid p50 %.1f ms "
                        + "p99 %.1f ms); memory: %s",
                outcomes.size(), valid.length, puzzles, clients, seconds, outcomes.size() / seconds, kinds,
                pct(all, 0.5), pct(all, 0.99), pct(valid, 0.5), pct(valid, 0.99),
                memory.stream().map(Memory::mib).collect(Collectors.joining(" -> ")));
    }
}
