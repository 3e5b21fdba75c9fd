package io.trm4j.core.runtime;

import ai.onnxruntime.OrtSession;
import io.trm4j.core.TrmException;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether CUDA is usable is only known by trying: {@code getAvailableProviders()} reports what
 * the build was made with, not whether the driver, the CUDA runtime and cuDNN load.
 */
public final class ProviderSupport {
    /** The other ways to get CUDA, named in every failure (docs/CUDA.md has them in full). */
    static final String RECIPES = "Recipes (docs/CUDA.md): a CUDA 12 host builds trm4j with -Pcuda (a downstream "
            + "Maven project excludes com.microsoft.onnxruntime:onnxruntime and depends on "
            + "com.microsoft.onnxruntime:onnxruntime_gpu); a CUDA 13 host sets --ort-native-path or "
            + "TRM_ORT_NATIVE_PATH to a directory made by export-scripts/ort_native.py";
    private static final Pattern SHARED_OBJECT = Pattern.compile("(lib[A-Za-z0-9_+-]+\\.so(?:\\.[0-9]+)*)");
    private static final Map<String, String> WHAT = Map.of(
            "libcudart", "the CUDA runtime", "libcublas", "cuBLAS", "libcublasLt", "cuBLASLt",
            "libcudnn", "cuDNN", "libcufft", "cuFFT", "libcurand", "cuRAND", "libcuda", "the GPU driver",
            "libnvrtc", "NVRTC");

    private ProviderSupport() {
    }

    /** Tries {@code addCUDA(0)} on throwaway options; throws a {@link TrmException} naming what is missing. */
    public static void requireCuda() {
        OrtNatives.environment(); // loads ORT (from the native path if set) before SessionOptions does
        String missing = OrtNatives.directory().map(NativeDirectory::missingForCuda).orElse(null);
        if (missing != null) {
            throw new TrmException("CUDA execution provider unavailable: " + missing);
        }
        OrtSession.SessionOptions probe = null;
        try {
            probe = OrtLedger.opened(OrtLedger.Kind.SESSION_OPTIONS, new OrtSession.SessionOptions());
            probe.addCUDA(0);
        } catch (Throwable t) { // OrtException, UnsatisfiedLinkError, anything the native side throws
            throw cudaUnavailable(t);
        } finally {
            if (probe != null) {
                OrtLedger.close(probe);
            }
        }
    }

    static TrmException cudaUnavailable(Throwable cause) {
        String why = cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getMessage().replace('\n', ' ').strip();
        var dir = OrtNatives.directory();
        String hint = dir.isPresent()
                ? "the natives in " + dir.get().dir() + " (ONNX Runtime " + dir.get().ortVersion() + ") did not start "
                        + "CUDA; put the CUDA runtime, cuBLAS and cuDNN their build needs on LD_LIBRARY_PATH (before "
                        + "the JVM starts) and check the GPU driver"
                : isGpuJar()
                ? "install CUDA 12 + cuDNN 9 and check the GPU driver"
                : "this build uses the CPU onnxruntime jar; rebuild with -Pcuda and install CUDA 12 + cuDNN 9";
        String libs = missingLibraries(why
                + dir.map(d -> " " + String.join(" ", LddProbe.notFound(d.dir().resolve(NativeDirectory.CUDA_PROVIDER))))
                        .orElse(""));
        return new TrmException("CUDA execution provider unavailable: " + hint + " (cause: " + why + ")"
                + (libs.isEmpty() ? "" : "; missing: " + libs) + ". " + RECIPES, cause);
    }

    /** The shared libraries a loader message names, each with what it is, e.g. "libcudnn.so.9 (cuDNN)". */
    static String missingLibraries(String message) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = SHARED_OBJECT.matcher(message);
        while (m.find()) {
            String lib = m.group(1);
            if (lib.startsWith("libonnxruntime")) {
                continue; // the provider itself, not what it lacks
            }
            String stem = lib.substring(0, lib.indexOf(".so"));
            String what = WHAT.get(stem);
            out.add(what == null ? lib : lib + " (" + what + ")");
        }
        return String.join(", ", out);
    }

    /** The GPU jar ships the CUDA provider library next to the JNI library. */
    static boolean isGpuJar() {
        ClassLoader cl = OrtSession.class.getClassLoader();
        for (String os : new String[] {"linux-x64", "linux-aarch64", "win-x64"}) {
            for (String lib : new String[] {"libonnxruntime_providers_cuda.so", "onnxruntime_providers_cuda.dll"}) {
                if (cl.getResource("ai/onnxruntime/native/" + os + "/" + lib) != null) {
                    return true;
                }
            }
        }
        return false;
    }
}
