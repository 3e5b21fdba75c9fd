package io.trm4j.bench.harness;

/**
 * The figures of one benchmarked batch size. Per-step figures divide by {@code runs * steps}
 * (supervision steps of the whole batch, not per row).
 *
 * @param batch             rows per loop run
 * @param steps             supervision steps per run (fixed halting: every row runs all of them)
 * @param runs              measured runs (warmup excluded)
 * @param puzzlesPerS       rows finished per second of wall time
 * @param msPerStep         wall time per step, around the whole {@code loop.run(...)}
 * @param cellMsPerStep     time per step inside the cell's {@code step()} (the session run)
 * @param overheadUsPerStep (wall - cell) per step in microseconds: the Java loop's own cost
 * @param p50Ms             median wall time of one run
 * @param p90Ms             90th percentile wall time of one run
 * @param peakRssMb         the process's peak resident set (VmHWM), or -1 where unknown
 */
public record BenchResult(int batch, int steps, int runs, double puzzlesPerS, double msPerStep,
                          double cellMsPerStep, double overheadUsPerStep, double p50Ms, double p90Ms,
                          double peakRssMb) {
    public BenchResult {
        if (batch < 1 || steps < 1 || runs < 1) {
            throw new IllegalArgumentException("batch, steps and runs must be >= 1, got " + batch + ", " + steps
                    + ", " + runs);
        }
    }
}
