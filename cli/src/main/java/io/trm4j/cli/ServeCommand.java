package io.trm4j.cli;

import io.trm4j.cli.serve.ModelEntry;
import io.trm4j.cli.serve.ServeConfig;
import io.trm4j.cli.serve.StopSignals;
import io.trm4j.cli.serve.TrmServer;
import io.trm4j.core.LoadOptions;
import io.trm4j.core.config.Setting;
import io.trm4j.core.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code trm serve [--model NAME|DIR]}: every bundled model (or the one --model names), and those
 * serve.models lists and models.NAME sections name (a section also gives its model its own
 * settings and limits), over HTTP until SIGTERM/Ctrl-C (or, in tests, until the thread is
 * interrupted), then a graceful stop: in-flight and queued work finishes first.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve every bundled model (or --model) over HTTP (GET /healthz, GET /v1/models, "
                + "POST /v1/solve/{model}[:batch], GET /metrics, GET /openapi.json), with a trace viewer for "
                + "browsers at GET /.")
final class ServeCommand implements java.util.concurrent.Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions run;

    /** The server's own flags, added from the settings table like {@link RunOptions#FLAGS}. */
    static final List<Setting> FLAGS = List.of(Setting.HEAD, Setting.SERVE_HOST, Setting.SERVE_PORT,
            Setting.SERVE_MAX_BATCH, Setting.SERVE_BATCHING, Setting.SERVE_MAX_WAIT_MS, Setting.SERVE_QUEUE,
            Setting.SERVE_TIMEOUT_MS, Setting.SERVE_MAX_BODY_BYTES, Setting.SERVE_MAX_STEPS,
            Setting.SERVE_MAX_SEARCH_BUDGET, Setting.SERVE_IDLE_TIMEOUT_MS, Setting.SERVE_MAX_CONNECTIONS,
            Setting.SERVE_TOKEN, Setting.SERVE_TLS_KEYSTORE, Setting.SERVE_TLS_KEYSTORE_PASSWORD, Setting.SERVE_ACCESS_LOG, Setting.SERVE_LOAD, Setting.SERVE_MODELS);

    @Override
    public Integer call() {
        run.acceptModelSections(); // models.NAME.* sections: more models, or a model's own settings and limits
        Settings settings = run.settings();
        String headName = settings.text(Setting.HEAD);
        String modelRef = run.modelOr(headName);
        PrintWriter out = spec.commandLine().getOut();
        ServeConfig config = ServeConfig.from(settings);
        // max_batch bounds the rows of one cell call in both modes: a gathered batch, or the shared one.
        LoadOptions options = run.loadOptions(headName).toBuilder().sharedRows(config.limits().maxBatch()).build();
        Map<String, Settings> sections = new LinkedHashMap<>();
        settings.modelNames().forEach(name -> sections.put(name, settings.model(name)));
        List<ModelEntry> entries = ServedModels.entries(modelRef, headName,
                settings.text(Setting.SERVE_MODELS), options, sections);
        if (config.token() == null && !config.loopbackOnly()) {
            out.println("trm serve: WARNING: listening on " + config.host() + " without a token: anyone who can "
                    + "reach this address can use the models. Set TRM_SERVE_TOKEN (or serve.token), or put the server "
                    + "behind a proxy that authenticates (docs/SERVICE.md).");
        }
        CountDownLatch finished = new CountDownLatch(1);
        try {
            TrmServer server = TrmServer.start(entries, config);
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
            for (String m : server.describeModels()) {
                out.println("trm serve: model " + m);
            }
            out.printf(Locale.ROOT, "trm serve: max_batch %d, max_wait_ms %d, queue %d, %s batching, models load %s%n",
                    config.limits().maxBatch(), config.limits().maxWaitMs(), config.limits().queue(),
                    config.limits().continuous() ? "continuous" : "static", config.eager() ? "at start" : "on first use");
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

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
