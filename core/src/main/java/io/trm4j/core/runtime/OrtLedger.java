package io.trm4j.core.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 8's "every ONNX Runtime object closed exactly once", made checkable: the runtime reports
 * each native object it opens (session, session options, tensor, run result) and closes through
 * here. Off in production ({@link #start} is package-private, for tests): each call is then one
 * static read and the plain {@code close()}. A ledger holds every object it has seen, so a test
 * can also ask ONNX Runtime whether each is closed.
 */
final class OrtLedger implements AutoCloseable {
    enum Kind { SESSION, SESSION_OPTIONS, TENSOR, RESULT }

    /** One object's record: its kind and how often it was closed. */
    private static final class Entry {
        final Kind kind;
        int closes;

        Entry(Kind kind) {
            this.kind = kind;
        }
    }

    private static volatile OrtLedger active;

    private final Map<Object, Entry> entries = new IdentityHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private OrtLedger() {
    }

    /** Starts recording (replacing any ledger still on); close the ledger to stop. */
    static OrtLedger start() {
        OrtLedger ledger = new OrtLedger();
        active = ledger;
        return ledger;
    }

    @Override
    public void close() {
        if (active == this) {
            active = null;
        }
    }

    static <T> T opened(Kind kind, T object) {
        OrtLedger ledger = active;
        if (ledger != null) {
            ledger.record(kind, object);
        }
        return object;
    }

    static void close(OnnxTensor tensor) {
        closing(tensor);
        tensor.close();
    }

    static void close(OrtSession.Result result) {
        closing(result);
        result.close();
    }

    static void close(OrtSession.SessionOptions options) {
        closing(options);
        options.close();
    }

    static void close(OrtSession session) throws OrtException {
        closing(session);
        session.close();
    }

    private static void closing(Object object) {
        OrtLedger ledger = active;
        if (ledger != null) {
            ledger.recordClose(object);
        }
    }

    private synchronized void record(Kind kind, Object object) {
        if (entries.putIfAbsent(object, new Entry(kind)) != null) {
            problems.add(kind + " reported opened twice");
        }
    }

    private synchronized void recordClose(Object object) {
        Entry e = entries.get(object);
        if (e == null) {
            problems.add(object.getClass().getSimpleName() + " closed but never reported opened");
        } else {
            e.closes++;
        }
    }

    /** Objects of a kind reported opened so far. */
    synchronized int opened(Kind kind) {
        return (int) entries.values().stream().filter(e -> e.kind == kind).count();
    }

    /** Objects of a kind still open (reported opened, never closed). */
    synchronized int open(Kind kind) {
        return (int) entries.values().stream().filter(e -> e.kind == kind && e.closes == 0).count();
    }

    /** The objects of a kind (to ask ONNX Runtime itself, e.g. {@code OnnxTensor.isClosed()}). */
    synchronized List<Object> objects(Kind kind) {
        List<Object> out = new ArrayList<>();
        entries.forEach((o, e) -> {
            if (e.kind == kind) {
                out.add(o);
            }
        });
        return out;
    }

    /** Every departure from "each object opened once and closed exactly once": empty when all is well. */
    synchronized List<String> problems() {
        List<String> out = new ArrayList<>(problems);
        Map<Kind, int[]> bad = new EnumMap<>(Kind.class); // [never closed, closed more than once]
        entries.values().forEach(e -> {
            if (e.closes != 1) {
                bad.computeIfAbsent(e.kind, k -> new int[2])[e.closes == 0 ? 0 : 1]++;
            }
        });
        bad.forEach((kind, n) -> out.add(kind + ": " + n[0] + " never closed, " + n[1] + " closed more than once"));
        return out;
    }
}
