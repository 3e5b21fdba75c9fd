package io.trm4j.core.runtime;

import io.trm4j.core.TrmException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The native-path checks on crafted directories (no library is loaded here: the JVM's ORT stays the jar's). */
class NativeDirectoryTest {
    @TempDir
    Path dir;

    /** The first bytes of a 64-bit little-endian ELF shared object for {@code machine}. */
    private static byte[] elf(int machine) {
        byte[] h = new byte[64];
        h[0] = 0x7f;
        h[1] = 'E';
        h[2] = 'L';
        h[3] = 'F';
        h[4] = 2;
        h[5] = 1;
        h[16] = 3; // ET_DYN
        h[18] = (byte) machine;
        h[19] = (byte) (machine >> 8);
        return h;
    }

    private static int thisMachine() {
        return System.getProperty("os.arch").equals("aarch64") ? 183 : 62;
    }

    private void lib(String name, byte[] bytes) throws IOException {
        Files.write(dir.resolve(name), bytes);
    }

    private String failure(Path p) {
        return assertThrows(TrmException.class, () -> NativeDirectory.check(p, "--ort-native-path")).getMessage();
    }

    @Test
    void acceptsTheTwoLibrariesAndSeesTheCudaProvider() throws IOException {
        lib(NativeDirectory.ORT_LIBRARY, elf(thisMachine()));
        lib(NativeDirectory.JNI_LIBRARY, elf(thisMachine()));
        NativeDirectory cpuOnly = NativeDirectory.check(dir, "test");
        assertFalse(cpuOnly.cudaProvider());
        assertTrue(cpuOnly.missingForCuda().contains("has no libonnxruntime_providers_cuda.so"), cpuOnly.missingForCuda());
        lib(NativeDirectory.SHARED_PROVIDER, elf(thisMachine()));
        lib(NativeDirectory.CUDA_PROVIDER, elf(thisMachine()));
        NativeDirectory cuda = NativeDirectory.check(dir, "test");
        assertTrue(cuda.cudaProvider());
        assertTrue(cuda.cudaJni());
        assertNull(cuda.missingForCuda());
        byte[] cpuJni = java.util.Arrays.copyOf(elf(thisMachine()), 200);
        System.arraycopy("This binary was not compiled with CUDA support.".getBytes(), 0, cpuJni, 100, 47);
        lib(NativeDirectory.JNI_LIBRARY, cpuJni);
        String m = NativeDirectory.check(dir, "test").missingForCuda();
        assertTrue(m.endsWith("libonnxruntime4j_jni.so is ORT Java's CPU build (compiled without CUDA); take it from "
                + "the onnxruntime_gpu jar: prepare one with export-scripts/ort_native.py (docs/CUDA.md)"), m);
        assertEquals(dir.toAbsolutePath().normalize(), cuda.dir());
    }

    @Test
    void namesAMissingDirectoryAndWhereThePathCameFrom() throws IOException {
        String missing = failure(dir.resolve("nope"));
        assertTrue(missing.contains("nope (--ort-native-path) does not exist"), missing);
        assertTrue(missing.contains("export-scripts/ort_native.py"), missing);
        lib("file", new byte[] {1});
        assertTrue(failure(dir.resolve("file")).contains("is not a directory"));
    }

    @Test
    void namesTheMissingLibrary() throws IOException {
        String noOrt = failure(dir);
        assertTrue(noOrt.contains("has no libonnxruntime.so (the ONNX Runtime library)"), noOrt);
        lib(NativeDirectory.ORT_LIBRARY, elf(thisMachine()));
        String noJni = failure(dir);
        assertTrue(noJni.contains("has no libonnxruntime4j_jni.so (ORT Java's JNI library"), noJni);
        lib(NativeDirectory.JNI_LIBRARY, elf(thisMachine()));
        lib(NativeDirectory.CUDA_PROVIDER, elf(thisMachine()));
        String noShared = failure(dir);
        assertTrue(noShared.contains("but no libonnxruntime_providers_shared.so"), noShared);
    }

    @Test
    void refusesTheWrongFile() throws IOException {
        lib(NativeDirectory.JNI_LIBRARY, elf(thisMachine()));
        lib(NativeDirectory.ORT_LIBRARY, "not a library".getBytes());
        assertTrue(failure(dir).endsWith("libonnxruntime.so (the ONNX Runtime library) is not an ELF shared library "
                + "(wrong file?)"), failure(dir));
        lib(NativeDirectory.ORT_LIBRARY, elf(thisMachine() == 62 ? 183 : 62));
        assertTrue(failure(dir).contains("is built for " + (thisMachine() == 62 ? "aarch64" : "x86-64")
                + ", but this JVM runs on"), failure(dir));
        byte[] executable = elf(thisMachine());
        executable[16] = 2;
        lib(NativeDirectory.ORT_LIBRARY, executable);
        assertTrue(failure(dir).contains("not a shared library (e_type 2)"), failure(dir));
        byte[] elf32 = elf(thisMachine());
        elf32[4] = 1;
        lib(NativeDirectory.ORT_LIBRARY, elf32);
        assertTrue(failure(dir).contains("not a 64-bit little-endian ELF file"), failure(dir));
    }

    /** The jar's own x86-64 libraries (the test classpath has the CPU jar), copied into {@code dir}. */
    private byte[] realLibraries() throws IOException {
        ClassLoader cl = ai.onnxruntime.OrtEnvironment.class.getClassLoader();
        try (var ort = cl.getResourceAsStream("ai/onnxruntime/native/linux-x64/" + NativeDirectory.ORT_LIBRARY);
             var jni = cl.getResourceAsStream("ai/onnxruntime/native/linux-x64/" + NativeDirectory.JNI_LIBRARY)) {
            Files.copy(ort, dir.resolve(NativeDirectory.ORT_LIBRARY));
            return jni.readAllBytes();
        }
    }

    @Test
    void readsTheLibrarysVersionAndRefusesAJniLibraryThatNeedsAnother() throws IOException {
        assumeTrue(thisMachine() == 62, "the x86-64 libraries of the jar");
        byte[] jni = realLibraries();
        lib(NativeDirectory.JNI_LIBRARY, jni);
        assertEquals("1.23.2", NativeDirectory.check(dir, "test").ortVersion());
        String text = new String(jni, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("VERS_1.23.2"));
        lib(NativeDirectory.JNI_LIBRARY, text.replace("VERS_1.23.2", "VERS_1.99.9")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        String m = failure(dir);
        assertTrue(m.contains("libonnxruntime4j_jni.so needs VERS_1.99.9 of libonnxruntime.so.1, but "), m);
        assertTrue(m.contains("libonnxruntime.so is ONNX Runtime 1.23.2 (defines libonnxruntime.so.1, VERS_1.23.2); "
                + "rewrite the JNI library's version need with export-scripts/ort_native.py"), m);
    }

    @Test
    void bindsThePropertyOnlyBeforeOrtLoads() throws IOException {
        lib(NativeDirectory.ORT_LIBRARY, elf(thisMachine()));
        lib(NativeDirectory.JNI_LIBRARY, elf(thisMachine()));
        NativeDirectory d = NativeDirectory.check(dir, "test");
        Properties fresh = new Properties();
        OrtNatives.bind(d, fresh, false);
        assertEquals(d.dir().toString(), fresh.getProperty(OrtNatives.PROPERTY));
        OrtNatives.bind(d, fresh, true); // the same directory again: nothing to change
        Properties loadedFromJar = new Properties();
        String late = assertThrows(TrmException.class, () -> OrtNatives.bind(d, loadedFromJar, true)).getMessage();
        assertTrue(late.startsWith("ONNX Runtime is already loaded from the jar; the native path "), late);
        Properties other = new Properties();
        other.setProperty(OrtNatives.PROPERTY, "/elsewhere");
        String clash = assertThrows(TrmException.class, () -> OrtNatives.bind(d, other, false)).getMessage();
        assertTrue(clash.startsWith("-Donnxruntime.native.path=/elsewhere and the native path "), clash);
    }

    @Test
    void lddNamesWhatTheLoaderCannotFind() {
        assertEquals(java.util.List.of("libcublasLt.so.13", "libcuda.so.1"), LddProbe.parse(
                "\tlinux-vdso.so.1 (0x00007f)\n\tlibcublasLt.so.13 => not found\n\tlibdl.so.2 => /lib/libdl.so.2 (0x1)\n"
                        + "\tlibcuda.so.1 => not found\n"));
    }

    @Test
    void cudaFailuresNameTheMissingLibrariesAndTheRecipes() {
        assertEquals("libcublasLt.so.13 (cuBLASLt), libcudnn.so.9 (cuDNN), libfoo.so",
                ProviderSupport.missingLibraries("Failed to load library libonnxruntime_providers_cuda.so with error: "
                        + "libcublasLt.so.13: cannot open shared object file; libcudnn.so.9 missing; libfoo.so"));
        String m = ProviderSupport.cudaUnavailable(new IllegalStateException("libcudart.so.13: cannot open")).getMessage();
        assertTrue(m.contains("; missing: libcudart.so.13 (the CUDA runtime). Recipes (docs/CUDA.md): a CUDA 12 host "
                + "builds trm4j with -Pcuda"), m);
        assertTrue(m.contains("a CUDA 13 host sets --ort-native-path or TRM_ORT_NATIVE_PATH"), m);
    }
}
