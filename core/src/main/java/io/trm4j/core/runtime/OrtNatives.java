package io.trm4j.core.runtime;

import ai.onnxruntime.OrtEnvironment;
import io.trm4j.core.TrmException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where ONNX Runtime's natives come from: the jar (the default) or a directory named by
 * {@code --ort-native-path} / {@code TRM_ORT_NATIVE_PATH} / {@code -Donnxruntime.native.path}.
 * ORT Java reads that property once, when its classes initialize, so every path into ORT in
 * trm4j goes through {@link #environment()}: the directory is checked first, and a load failure
 * is reported in our words.
 */
public final class OrtNatives {
    /** ORT Java's own system property (ai.onnxruntime.OnnxRuntime.ONNXRUNTIME_NATIVE_PATH). */
    public static final String PROPERTY = "onnxruntime.native.path";
    private static final Pattern VERSION_NEED = Pattern.compile("version [`']?(VERS_[0-9.]+)'? not found");

    private static final Logger LOG = LoggerFactory.getLogger(OrtNatives.class);

    private static boolean loaded;
    private static NativeDirectory directory;

    private OrtNatives() {
    }

    /**
     * Points ORT Java at {@code dir} (checked first); must come before the first model loads.
     *
     * @param source where the path came from, for messages (e.g. "--ort-native-path")
     */
    public static synchronized NativeDirectory use(Path dir, String source) {
        NativeDirectory checked = NativeDirectory.check(dir, source);
        bind(checked, System.getProperties(), loaded);
        directory = checked;
        return checked;
    }

    /** Sets the property in {@code props} unless ORT has already loaded from elsewhere. */
    static void bind(NativeDirectory dir, Properties props, boolean ortLoaded) {
        String current = props.getProperty(PROPERTY);
        String wanted = dir.dir().toString();
        if (current != null && Path.of(current).toAbsolutePath().normalize().toString().equals(wanted)) {
            return;
        }
        if (ortLoaded) {
            throw new TrmException("ONNX Runtime is already loaded from " + (current == null ? "the jar" : current)
                    + "; the native path " + wanted + " must be set before the first model loads");
        }
        if (current != null) {
            throw new TrmException("-D" + PROPERTY + "=" + current + " and the native path " + wanted
                    + " disagree; give one");
        }
        props.setProperty(PROPERTY, wanted);
    }

    /** The directory in use, if any (the -D property counts once ORT has loaded). */
    public static synchronized Optional<NativeDirectory> directory() {
        return Optional.ofNullable(directory);
    }

    /** Loads ONNX Runtime (once) and returns its environment; throws a {@link TrmException} saying why it cannot load. */
    public static synchronized OrtEnvironment environment() {
        if (!loaded) {
            String property = System.getProperty(PROPERTY);
            if (property != null && directory == null) {
                directory = NativeDirectory.check(Path.of(property), "-D" + PROPERTY);
            }
            if (directory != null) {
                LOG.info("loading ONNX Runtime {} from {}", directory.ortVersion(), directory.dir());
            }
            try {
                OrtEnvironment.getEnvironment();
            } catch (RuntimeException | LinkageError e) {
                throw loadFailed(e);
            }
            loaded = true;
        }
        return OrtEnvironment.getEnvironment();
    }

    private static TrmException loadFailed(Throwable e) {
        String why = rootMessage(e);
        String from = directory == null ? "the onnxruntime jar" : directory.dir().toString();
        Matcher need = VERSION_NEED.matcher(why);
        if (directory != null && need.find()) {
            return new TrmException("ONNX Runtime cannot load from " + from + ": its " + NativeDirectory.JNI_LIBRARY
                    + " needs " + need.group(1) + ", which its " + NativeDirectory.ORT_LIBRARY + " does not define "
                    + "(a different ONNX Runtime version); rewrite the JNI library's version need with "
                    + "export-scripts/ort_native.py (docs/CUDA.md) (cause: " + why + ")", e);
        }
        return new TrmException("ONNX Runtime cannot load from " + from + " (cause: " + why + ")", e);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        String last = e.toString();
        while (t != null) {
            if (t.getMessage() != null) {
                last = t.getMessage();
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        return last.replace('\n', ' ').strip();
    }
}
