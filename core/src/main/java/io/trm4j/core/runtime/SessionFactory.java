package io.trm4j.core.runtime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.trm4j.core.ExecutionProvider;
import io.trm4j.core.TrmException;
import io.trm4j.core.model.Model;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the native session for a model with the requested provider. */
final class SessionFactory {
    private static final Logger LOG = LoggerFactory.getLogger(SessionFactory.class);

    private SessionFactory() {
    }

    /** One shared environment per JVM (ORT's own singleton), loaded from the native path if one is set. */
    static OrtEnvironment env() {
        return OrtNatives.environment();
    }

    /** The session, the provider it really runs on, and why that is not the one asked for ("" when it is). */
    record Built(OrtSession session, ExecutionProvider provider, String note) {
        Built(OrtSession session, ExecutionProvider provider) {
            this(session, provider, "");
        }
    }

    static Built create(Model model, SessionSettings settings) {
        String origin = model.source().describe(model.manifest().cell());
        env(); // before any ORT class initializes: the native path is read once, at that moment
        return switch (settings.provider()) {
            case CPU -> new Built(open(model, settings, false, origin), ExecutionProvider.CPU);
            case CUDA -> {
                ProviderSupport.requireCuda();
                try {
                    yield new Built(open(model, settings, true, origin), ExecutionProvider.CUDA);
                } catch (TrmException | LinkageError e) {
                    throw ProviderSupport.cudaUnavailable(e.getCause() != null ? e.getCause() : e);
                }
            }
            case AUTO -> {
                try {
                    ProviderSupport.requireCuda();
                    yield new Built(open(model, settings, true, origin), ExecutionProvider.CUDA);
                } catch (TrmException | LinkageError e) {
                    // The result says so too (Reasoning.providerNote): a service without an SLF4J binding sees no WARN.
                    String note = "provider auto fell back to CPU: " + e.getMessage();
                    LOG.warn("model '{}': {}", model.manifest().name(), note);
                    yield new Built(open(model, settings, false, origin), ExecutionProvider.CPU, note);
                }
            }
        };
    }

    private static OrtSession open(Model model, SessionSettings settings, boolean cuda, String origin) {
        OrtSession.SessionOptions options = OrtLedger.opened(OrtLedger.Kind.SESSION_OPTIONS,
                new OrtSession.SessionOptions());
        try {
            options.setIntraOpNumThreads(settings.intraOpThreads());
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.addConfigEntry("session.intra_op.allow_spinning", settings.allowSpinning() ? "1" : "0");
            if (cuda) {
                options.addCUDA(0);
            }
            var path = model.source().path(model.manifest().cell());
            OrtSession session = path.isPresent() ? env().createSession(path.get().toString(), options)
                    : env().createSession(model.source().read(model.manifest().cell()), options);
            return OrtLedger.opened(OrtLedger.Kind.SESSION, session);
        } catch (OrtException e) {
            throw new TrmException(origin + ": ONNX Runtime cannot load the cell: "
                    + String.valueOf(e.getMessage()).replace('\n', ' '), e);
        } finally {
            OrtLedger.close(options);
        }
    }
}
