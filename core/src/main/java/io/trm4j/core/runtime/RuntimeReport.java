package io.trm4j.core.runtime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import io.trm4j.core.TrmException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * What the ONNX Runtime in this JVM is and can do, as {@code trm doctor} prints it.
 *
 * @param javaApiVersion the ORT Java artifact's version (the jar on the classpath)
 * @param javaArtifact   onnxruntime (CPU) or onnxruntime_gpu (CUDA 12)
 * @param nativeVersion  the loaded native library's version: the native path's library, else the jar's (ORT
 *                       Java's own version string is the JNI library's, so a native path's is read from its ELF)
 * @param nativePath     the native directory in use, or null for the natives inside the jar
 * @param providers      what the native library was built with ({@code getAvailableProviders})
 * @param cudaStarts     whether {@code addCUDA(0)} really succeeded
 * @param cudaProblem    why CUDA did not start, or null
 */
public record RuntimeReport(String javaApiVersion, String javaArtifact, String nativeVersion, String nativePath,
                            List<String> providers, boolean cudaStarts, String cudaProblem) {
    private static final Pattern ARTIFACT_VERSION =
            Pattern.compile("<artifactId>(onnxruntime(?:_gpu)?)</artifactId>\\s*<version>([^<]+)</version>");

    public RuntimeReport {
        requireNonNull(javaApiVersion, "javaApiVersion is null");
        requireNonNull(javaArtifact, "javaArtifact is null");
        requireNonNull(nativeVersion, "nativeVersion is null");
        providers = List.copyOf(requireNonNull(providers, "providers is null"));
        if (cudaStarts != (cudaProblem == null)) {
            throw new IllegalArgumentException("cudaProblem must be given exactly when CUDA does not start");
        }
    }

    /** Loads ORT (throws a {@link TrmException} when it cannot) and tries CUDA on throwaway options. */
    public static RuntimeReport probe() {
        OrtEnvironment env = OrtNatives.environment();
        String problem = null;
        try {
            ProviderSupport.requireCuda();
        } catch (TrmException e) {
            problem = e.getMessage();
        }
        String[] artifact = jarArtifact();
        var dir = OrtNatives.directory();
        return new RuntimeReport(artifact[1], artifact[0], dir.map(NativeDirectory::ortVersion).orElse(env.getVersion()),
                dir.map(d -> d.dir().toString()).orElse(null),
                OrtEnvironment.getAvailableProviders().stream().map(OrtProvider::name).sorted().toList(),
                problem == null, problem);
    }

    /** {artifactId, version} of the ORT Java jar, from its embedded pom (kept by the shaded CLI jar too). */
    private static String[] jarArtifact() {
        ClassLoader cl = OrtEnvironment.class.getClassLoader();
        for (String id : new String[] {"onnxruntime_gpu", "onnxruntime"}) {
            try (InputStream in = cl.getResourceAsStream("META-INF/maven/com.microsoft.onnxruntime/" + id + "/pom.xml")) {
                if (in != null) {
                    Matcher m = ARTIFACT_VERSION.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    if (m.find()) {
                        return new String[] {m.group(1), m.group(2).strip()};
                    }
                }
            } catch (IOException e) {
                // fall through to the package's manifest
            }
        }
        String v = OrtEnvironment.class.getPackage().getImplementationVersion();
        return new String[] {ProviderSupport.isGpuJar() ? "onnxruntime_gpu" : "onnxruntime", v == null ? "unknown" : v};
    }
}
