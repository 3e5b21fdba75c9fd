package io.trm4j.core.runtime;

import ai.onnxruntime.OrtSession;
import io.trm4j.core.TrmException;

/**
 * Whether CUDA is usable is only known by trying: {@code getAvailableProviders()} reports what
 * the jar was built with, not whether the driver, CUDA 12 and cuDNN 9 load.
 */
public final class ProviderSupport {
    private ProviderSupport() {
    }

    /** Tries {@code addCUDA(0)} on throwaway options; throws a {@link TrmException} naming what is missing. */
    public static void requireCuda() {
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
        String hint = isGpuJar()
                ? "install CUDA 12 + cuDNN 9 and check the GPU driver"
                : "this build uses the CPU onnxruntime jar; rebuild with -Pcuda and install CUDA 12 + cuDNN 9";
        return new TrmException("CUDA execution provider unavailable: " + hint + " (cause: " + why + ")", cause);
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
