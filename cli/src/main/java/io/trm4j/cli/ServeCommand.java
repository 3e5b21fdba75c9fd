package io.trm4j.cli;

import io.trm4j.cli.serve.ServeConfig;
import io.trm4j.cli.serve.StopSignals;
import io.trm4j.cli.serve.TrmServer;
import io.trm4j.core.LoadOptions;
import io.trm4j.core.Reasoner;
import io.trm4j.core.Trm;
import io.trm4j.core.TrmException;
import io.trm4j.core.config.Setting;
import io.trm4j.core.config.Settings;
import io.trm4j.core.model.ModelCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code trm serve [--model NAME|DIR]}: one model over HTTP (without --model or --head, the bundled
 * model when exactly one is bundled) until SIGTERM/Ctrl-C (or, in tests, until the thread is
 * interrupted), then a graceful stop: in-flight and queued work finishes first.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve one model over HTTP (GET /healthz, GET /v1/models, POST /v1/solve/{head}[:batch], "
                + "GET /metrics).")
final class ServeCommand implements java.util.concurrent.Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions run;

    /** The server's own flags, added from the settings table like {@link RunOptions#FLAGS}. */
    static final List<Setting> FLAGS = List.of(Setting.HEAD, Setting.SERVE_HOST, Setting.SERVE_PORT,
            Setting.SERVE_MAX_BATCH, Setting.SERVE_BATCHING, Setting.SERVE_MAX_WAIT_MS, Setting.SERVE_QUEUE,
            Setting.SERVE_TIMEOUT_MS, Setting.SERVE_MAX_BODY_BYTES);

    @Override
    public Integer call() {
        Settings settings = run.settings();
        String headName = settings.text(Setting.HEAD);
        String modelRef = run.modelOr(headName);
        PrintWriter out = spec.commandLine().getOut();
        if (modelRef == null) {
            modelRef = firstBundledModel(out);
        }
        ServeConfig config = ServeConfig.from(settings);
        CountDownLatch finished = new CountDownLatch(1);
        // max_batch bounds the rows of one cell call in both modes: a gathered batch, or the shared one.
        LoadOptions options = run.loadOptions(headName).toBuilder().sharedRows(config.maxBatch()).build();
        try (Reasoner<Object, Object> r = Trm.load(modelRef, options, Trm.heads())) {
            TrmServer server = TrmServer.start(r, config);
            // Any other JVM shutdown (SIGHUP, or SIGTERM where the JVM reserves it, e.g. -Xrs): stop the
            // server here, then wait until the reasoner is closed below, because the JVM halts as
            // soon as its shutdown hooks return.
            Thread hook = new Thread(() -> {
                server.close();
                await(finished);
            }, "trm-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            // SIGTERM/Ctrl-C stop the server without a JVM shutdown: see StopSignals for why.
            StopSignals signals = StopSignals.install(server::close);
            out.printf(Locale.ROOT, "trm serve: model %s (head %s, provider %s), max_batch %d, max_wait_ms %d, %s batching%n",
                    r.model().name(), r.head().name(), r.provider().name().toLowerCase(Locale.ROOT),
                    config.maxBatch(), config.maxWaitMs(), config.continuous() ? "continuous" : "static");
            out.println("trm serve: listening on " + server.url());
            out.flush();
            boolean interrupted = false;
            try {
                server.awaitClosed();
            } catch (InterruptedException e) {
                interrupted = true; // in-process callers (tests) stop the server by interrupting
            }
            server.close();
            signals.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook is running and waits for `finished`
            }
            out.println("trm serve: stopped");
            out.flush();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        } finally {
            finished.countDown();
        }
        return TrmCli.OK;
    }

    /** Without --model (or --head): the first bundled model (the index's order), saying which. */
    private static String firstBundledModel(PrintWriter out) {
        List<String> bundled = ModelCatalog.systemCatalog().folders();
        if (bundled.isEmpty()) {
            throw new TrmException("say which model: --model NAME|DIR (or model= in --config, or TRM_MODEL); "
                    + "no model is bundled in this build");
        }
        if (bundled.size() > 1) {
            out.println("trm serve: serving the bundled model " + bundled.get(0) + " (bundled: "
                    + String.join(", ", bundled) + "; --model NAME chooses)");
        }
        return bundled.get(0);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
