package io.trm4j.core.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The symbol versions a 64-bit little-endian ELF shared library defines ({@code .gnu.version_d})
 * and needs ({@code .gnu.version_r}): how a native directory is checked before the dynamic loader
 * would refuse it with "version `VERS_1.23.2' not found", and how the ONNX Runtime version of a
 * library is read without loading it (ORT Java's own version string is the JNI library's).
 */
final class ElfVersions {
    private static final int SHT_GNU_VERDEF = 0x6ffffffd;
    private static final int SHT_GNU_VERNEED = 0x6ffffffe;

    /** A version {@code name} needed from the library {@code file}. */
    record Need(String file, String name) {
        Need {
            requireNonNull(file, "file is null");
            requireNonNull(name, "name is null");
        }
    }

    private final ByteBuffer elf;

    private ElfVersions(ByteBuffer elf) {
        this.elf = elf.order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Maps {@code file} (checked first by {@link NativeDirectory#elfProblem}). */
    static ElfVersions read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return new ElfVersions(ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()));
        }
    }

    /** The version names defined, e.g. {@code [libonnxruntime.so.1, VERS_1.31.1]}. */
    List<String> definitions() {
        List<String> out = new ArrayList<>();
        for (int s = 0; s < sectionCount(); s++) {
            if (type(s) != SHT_GNU_VERDEF) {
                continue;
            }
            long entry = offset(s);
            for (int i = 0; i < info(s); i++) {
                int count = u16(entry + 6);
                if (count > 0) {
                    out.add(string(link(s), u32(entry + u32(entry + 12))));
                }
                entry += u32(entry + 16);
            }
        }
        return out;
    }

    /** The (library, version) pairs needed. */
    List<Need> needs() {
        List<Need> out = new ArrayList<>();
        for (int s = 0; s < sectionCount(); s++) {
            if (type(s) != SHT_GNU_VERNEED) {
                continue;
            }
            long entry = offset(s);
            for (int i = 0; i < info(s); i++) {
                String file = string(link(s), u32(entry + 4));
                long aux = entry + u32(entry + 8);
                for (int a = 0; a < u16(entry + 2); a++) {
                    out.add(new Need(file, string(link(s), u32(aux + 8))));
                    aux += u32(aux + 12);
                }
                entry += u32(entry + 12);
            }
        }
        return out;
    }

    private int sectionCount() {
        return u16(0x3c);
    }

    private long header(int s) {
        return elf.getLong(0x28) + (long) s * u16(0x3a);
    }

    private int type(int s) {
        return elf.getInt(Math.toIntExact(header(s) + 4));
    }

    private long offset(int s) {
        return elf.getLong(Math.toIntExact(header(s) + 0x18));
    }

    private int link(int s) {
        return elf.getInt(Math.toIntExact(header(s) + 0x28));
    }

    private long info(int s) {
        return u32(header(s) + 0x2c);
    }

    private String string(int table, long index) {
        int start = Math.toIntExact(offset(table) + index);
        int end = start;
        while (elf.get(end) != 0) {
            end++;
        }
        byte[] b = new byte[end - start];
        elf.get(start, b);
        return new String(b, StandardCharsets.US_ASCII);
    }

    private int u16(long at) {
        return Short.toUnsignedInt(elf.getShort(Math.toIntExact(at)));
    }

    private long u32(long at) {
        return Integer.toUnsignedLong(elf.getInt(Math.toIntExact(at)));
    }
}
