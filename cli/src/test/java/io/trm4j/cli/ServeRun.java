package io.trm4j.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code trm serve ARGS} run in-process on its own thread, as the tests drive it; {@link #stop} is Ctrl-C. */
final class ServeRun {
    private static final Pattern LISTENING = Pattern.compile("listening on (https?://\\S+)");

    private final Thread thread;
    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    private final StringWriter err = new StringWriter();
    private final Watch out = new Watch();
    private final String url;

    /** Completes {@code url} once the server prints where it listens. */
    private static final class Watch extends Writer {
        final StringBuilder text = new StringBuilder();
        final CompletableFuture<String> url = new CompletableFuture<>();

        @Override
        public synchronized void write(char[] buf, int off, int len) {
            text.append(buf, off, len);
            Matcher m = LISTENING.matcher(text);
            if (m.find() && text.indexOf("\n", m.end()) >= 0) {
                url.complete(m.group(1));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    private ServeRun(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "serve";
        System.arraycopy(args, 0, all, 1, args.length);
        thread = new Thread(() -> exitCode.complete(TrmCli.run(all, new ByteArrayInputStream(new byte[0]),
                new PrintWriter(out), new PrintWriter(err), Map.of())), "trm-serve-test");
        thread.start();
        try {
            url = out.url.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("server did not start: " + err + out.text, e);
        }
    }

    /** Starts {@code trm serve ARGS} and waits until it listens. */
    static ServeRun start(String... args) {
        return new ServeRun(args);
    }

    /** The base URL, e.g. {@code http://127.0.0.1:41234}. */
    String url() {
        return url;
    }

    /** What the server printed on stdout so far. */
    String out() {
        synchronized (out) {
            return out.text.toString();
        }
    }

    /** In-process Ctrl-C (a graceful stop); asserts exit code 0. */
    void stop() throws Exception {
        thread.interrupt();
        assertEquals(0, exitCode.get(60, TimeUnit.SECONDS), err.toString());
    }
}
