package io.trm4j.core.runtime;

import io.trm4j.core.TrmException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * A directory of ONNX Runtime natives for ORT Java's {@code onnxruntime.native.path}: the ORT
 * library and ORT Java's JNI library (both required), and the shared-provider and CUDA-provider
 * libraries (needed for CUDA). Checked by the files present and their ELF headers, so a wrong
 * directory fails with a sentence instead of an {@code UnsatisfiedLinkError} deep in a session.
 *
 * @param dir          the directory (absolute)
 * @param ortVersion   the ONNX Runtime version its library defines (e.g. 1.31.1), or "unknown" off Linux
 * @param cudaProvider whether {@code libonnxruntime_providers_cuda.so} and the shared-provider library are there
 * @param cudaJni      whether the JNI library was built with CUDA (the onnxruntime_gpu jar's; the CPU jar's
 *                     answers addCUDA with "not compiled with CUDA support" whatever library is beside it)
 */
public record NativeDirectory(Path dir, String ortVersion, boolean cudaProvider, boolean cudaJni) {
    /** File names ORT Java's loader and the ORT library look for (see ai.onnxruntime.OnnxRuntime). */
    public static final String ORT_LIBRARY = System.mapLibraryName("onnxruntime");
    public static final String JNI_LIBRARY = System.mapLibraryName("onnxruntime4j_jni");
    public static final String SHARED_PROVIDER = System.mapLibraryName("onnxruntime_providers_shared");
    public static final String CUDA_PROVIDER = System.mapLibraryName("onnxruntime_providers_cuda");

    static final String HOW_TO_PREPARE = "prepare one with export-scripts/ort_native.py (docs/CUDA.md)";
    private static final int ET_DYN = 3;
    private static final byte[] NO_CUDA_MARK = "not compiled with CUDA support".getBytes(StandardCharsets.US_ASCII);

    public NativeDirectory {
        requireNonNull(dir, "dir is null");
        requireNonNull(ortVersion, "ortVersion is null");
    }

    /**
     * Checks {@code dir}; {@code source} says where the path came from (e.g. "--ort-native-path").
     *
     * @throws TrmException naming what is missing or wrong
     */
    public static NativeDirectory check(Path dir, String source) {
        requireNonNull(dir, "dir is null");
        requireNonNull(source, "source is null");
        Path abs = dir.toAbsolutePath().normalize();
        String where = "ONNX Runtime native path " + abs + " (" + source + ")";
        if (!Files.exists(abs)) {
            throw new TrmException(where + " does not exist; " + HOW_TO_PREPARE);
        }
        if (!Files.isDirectory(abs)) {
            throw new TrmException(where + " is not a directory; give the directory that holds "
                    + ORT_LIBRARY + " and " + JNI_LIBRARY);
        }
        requireLibrary(abs, ORT_LIBRARY, "the ONNX Runtime library", where);
        requireLibrary(abs, JNI_LIBRARY, "ORT Java's JNI library, from the onnxruntime jar", where);
        boolean shared = Files.exists(abs.resolve(SHARED_PROVIDER));
        boolean cuda = Files.exists(abs.resolve(CUDA_PROVIDER));
        if (shared) {
            requireLibrary(abs, SHARED_PROVIDER, "the shared-provider library", where);
        }
        if (cuda) {
            requireLibrary(abs, CUDA_PROVIDER, "the CUDA provider library", where);
            if (!shared) {
                throw new TrmException(where + " has " + CUDA_PROVIDER + " but no " + SHARED_PROVIDER
                        + " (the shared-provider library it needs, from the same ONNX Runtime build)");
            }
        }
        return new NativeDirectory(abs, matchingVersions(abs), cuda && shared, !hasNoCudaMark(abs.resolve(JNI_LIBRARY)));
    }

    /**
     * The ORT version of the directory's library, after checking that it defines the version the
     * JNI library needs (else the loader fails with "version `VERS_x' not found").
     */
    private static String matchingVersions(Path dir) {
        if (!isLinux()) {
            return "unknown";
        }
        Path ort = dir.resolve(ORT_LIBRARY);
        Path jni = dir.resolve(JNI_LIBRARY);
        List<String> defined;
        List<ElfVersions.Need> needs;
        try {
            defined = ElfVersions.read(ort).definitions();
            needs = ElfVersions.read(jni).needs();
        } catch (IOException | RuntimeException e) { // a truncated or odd file: indexes out of range
            throw new TrmException("cannot read the symbol versions of " + ort + " or " + jni + ": " + e, e);
        }
        String version = defined.stream().filter(v -> v.startsWith("VERS_")).reduce((a, b) -> b)
                .map(v -> v.substring("VERS_".length())).orElse("unknown");
        for (ElfVersions.Need need : needs) {
            if (need.file().startsWith(ORT_LIBRARY) && !defined.contains(need.name())) {
                throw new TrmException(jni + " needs " + need.name() + " of " + need.file() + ", but " + ort
                        + " is ONNX Runtime " + version + " (defines " + String.join(", ", defined) + "); rewrite "
                        + "the JNI library's version need with export-scripts/ort_native.py (docs/CUDA.md)");
            }
        }
        return version;
    }

    /** Why CUDA cannot start from this directory, or null when its provider files are present. */
    String missingForCuda() {
        if (!cudaProvider) {
            return dir + " has no " + CUDA_PROVIDER + " (an ONNX Runtime CUDA build's provider; "
                    + HOW_TO_PREPARE + " from the onnxruntime-gpu wheel)";
        }
        return cudaJni ? null : dir.resolve(JNI_LIBRARY) + " is ORT Java's CPU build (compiled without CUDA); take "
                + "it from the onnxruntime_gpu jar: " + HOW_TO_PREPARE;
    }

    /** Whether the (small) JNI library holds the CPU build's "not compiled with CUDA support" answer. */
    private static boolean hasNoCudaMark(Path jni) {
        byte[] data;
        try {
            data = Files.readAllBytes(jni);
        } catch (IOException e) {
            throw new TrmException("cannot read " + jni + ": " + e.getMessage(), e);
        }
        outer:
        for (int i = 0; i + NO_CUDA_MARK.length <= data.length; i++) {
            for (int j = 0; j < NO_CUDA_MARK.length; j++) {
                if (data[i + j] != NO_CUDA_MARK[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void requireLibrary(Path dir, String name, String what, String where) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new TrmException(where + " has no " + name + " (" + what + "); " + HOW_TO_PREPARE);
        }
        String wrong = elfProblem(file);
        if (wrong != null) {
            throw new TrmException(file + " (" + what + ") " + wrong);
        }
    }

    /** What is wrong with {@code file} as a shared library for this JVM, or null. Linux only: elsewhere, null. */
    static String elfProblem(Path file) {
        if (!isLinux()) {
            return null;
        }
        byte[] h = new byte[20];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(h, 0, h.length);
        } catch (IOException e) {
            return "cannot be read: " + e.getMessage();
        }
        if (n < h.length || h[0] != 0x7f || h[1] != 'E' || h[2] != 'L' || h[3] != 'F') {
            return "is not an ELF shared library (wrong file?)";
        }
        if (h[4] != 2 || h[5] != 1) {
            return "is not a 64-bit little-endian ELF file";
        }
        int type = (h[16] & 0xff) | (h[17] & 0xff) << 8;
        if (type != ET_DYN) {
            return "is an ELF file but not a shared library (e_type " + type + ")";
        }
        int machine = (h[18] & 0xff) | (h[19] & 0xff) << 8;
        int expected = jvmMachine();
        if (expected != 0 && machine != expected) {
            return "is built for " + machineName(machine) + ", but this JVM runs on " + machineName(expected);
        }
        return null;
    }

    private static boolean isLinux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
    }

    private static int jvmMachine() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (arch.equals("amd64") || arch.equals("x86_64")) {
            return 62;
        }
        return arch.equals("aarch64") ? 183 : 0;
    }

    private static String machineName(int machine) {
        return switch (machine) {
            case 62 -> "x86-64";
            case 183 -> "aarch64";
            default -> "ELF machine " + machine;
        };
    }
}
