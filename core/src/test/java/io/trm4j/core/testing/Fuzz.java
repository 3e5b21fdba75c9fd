package io.trm4j.core.testing;

import io.trm4j.core.TrmException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The fuzzing invariant of issue 8, checked by every Jazzer fuzz test: a parser given anything
 * either returns a value or throws a {@link TrmException} (usually {@code InvalidInputException})
 * with a non-blank message; any other exception, or a call that takes longer than {@link #LIMIT_S}
 * seconds (a hang), is an {@link AssertionError}: a failed test, and in fuzzing mode a finding.
 */
public final class Fuzz {
    public static final int LIMIT_S = 10;
    /** Calls checked in this JVM, for the long run's figures. */
    public static final AtomicLong CALLS = new AtomicLong();
    private static final AtomicLong VALUES = new AtomicLong();
    private static final AtomicLong ERRORS = new AtomicLong();
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fuzz-call");
        t.setDaemon(true);
        return t;
    });

    private Fuzz() {
    }

    /** Runs {@code call}; returns its value, or null when it threw a clear {@link TrmException}. */
    public static <T> T typedOrValid(String what, Supplier<T> call) {
        CALLS.incrementAndGet();
        Future<T> f = POOL.submit(call::get);
        try {
            T value = f.get(LIMIT_S, TimeUnit.SECONDS);
            VALUES.incrementAndGet();
            return value;
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new AssertionError(what + ": no answer within " + LIMIT_S + " s (a hang)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(what + ": interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TrmException && cause.getMessage() != null && !cause.getMessage().isBlank()) {
                ERRORS.incrementAndGet();
                return null;
            }
            throw new AssertionError(what + ": threw " + cause.getClass().getName() + " (not a TrmException "
                    + "with a message): " + cause.getMessage(), cause);
        }
    }

    /** Prints (for the long run's figures) and resets the counts: calls, values returned, clear errors. */
    public static void report(String suite) {
        String line = "fuzz " + suite + ": " + CALLS.getAndSet(0) + " calls, " + VALUES.getAndSet(0)
                + " values, " + ERRORS.getAndSet(0) + " clear errors";
        System.out.println(line);
        try { // surefire may not show output printed after the last test: keep it in target/ too
            Files.writeString(Path.of("target", "fuzz-report.txt"), line + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("(could not append to target/fuzz-report.txt: " + e + ")");
        }
    }

    /** {@code text} quoted for a failure message: newlines escaped, cut after 200 characters. */
    public static String describe(String text) {
        String s = text.length() > 200 ? text.substring(0, 200) + "... (" + text.length() + " chars)" : text;
        return "'" + s.replace("\n", "\\n") + "'";
    }
}
