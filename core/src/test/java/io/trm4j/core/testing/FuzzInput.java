package io.trm4j.core.testing;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * How the fuzz targets turn Jazzer's input into the bytes or text they parse. A
 * {@link FuzzedDataProvider} reads numbers from the end of the input and bytes or strings from its
 * start, so the input's last byte picks the form:
 * <ul>
 *   <li><b>plain</b> (last byte mod 8 is 0 to 6): the rest of the input as it is;</li>
 *   <li><b>big</b> (last byte mod 8 is 7): a prefix, a unit repeated, and a suffix, for the huge
 *       inputs and deep nesting that no fuzz input of a few kB can hold (up to {@link #MAX_SIZE}
 *       characters or bytes). Before the last byte come the repeat count (three bytes,
 *       little-endian: the byte nearest the end is the most significant), the prefix length (one
 *       byte) and the unit length (one byte, at least 1). Jazzer 0.30 returns a number that is in
 *       range as it is, and wraps one that is not.</li>
 * </ul>
 * So a seed in the plain form is the text followed by one {@code 0x00} byte, and
 * {@code "2, 4, 3, ?"} followed by the bytes {@code 0x01 0x06 0x00 0x35 0x0C 0x07} is
 * {@code "2, 4, "}, 800,000 {@code 3}s, then {@code ", ?"}. Targets that first pick other values (a
 * fixture, a file name) read them from the very end, before this. Seeds are
 * {@code src/test/resources/<package>/<TestClass>Inputs/<method>/*}.
 */
public final class FuzzInput {
    /** The most characters (or bytes) a big input has. */
    public static final int MAX_SIZE = 1 << 20;

    private FuzzInput() {
    }

    /** The text to parse (any Java string, lone surrogates included). */
    public static String text(FuzzedDataProvider data) {
        Big big = Big.read(data);
        String s = data.consumeRemainingAsString();
        if (big == null) {
            return s;
        }
        int prefixEnd = Math.min(big.prefix, s.length());
        int unitEnd = Math.min(prefixEnd + big.unit, s.length());
        String unit = s.substring(prefixEnd, unitEnd);
        StringBuilder sb = new StringBuilder(s.substring(0, prefixEnd));
        sb.append(unit.repeat(big.times(unit.length())));
        return sb.append(s, unitEnd, s.length()).toString();
    }

    /** The bytes to parse (invalid UTF-8 included). */
    public static byte[] bytes(FuzzedDataProvider data) {
        Big big = Big.read(data);
        byte[] b = data.consumeRemainingAsBytes();
        if (big == null) {
            return b;
        }
        int prefixEnd = Math.min(big.prefix, b.length);
        int unitEnd = Math.min(prefixEnd + big.unit, b.length);
        byte[] unit = Arrays.copyOfRange(b, prefixEnd, unitEnd);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, prefixEnd);
        for (int i = 0, n = big.times(unit.length); i < n; i++) {
            out.write(unit, 0, unit.length);
        }
        out.write(b, unitEnd, b.length - unitEnd);
        return out.toByteArray();
    }

    /** The big form's shape: the unit is repeated {@code times} (capped to fit {@link #MAX_SIZE}). */
    private record Big(int times, int prefix, int unit) {
        static Big read(FuzzedDataProvider data) {
            if (data.consumeInt(0, 7) != 7) {
                return null;
            }
            return new Big(data.consumeInt(1, MAX_SIZE), data.consumeInt(0, 255), data.consumeInt(1, 255));
        }

        int times(int unitLength) {
            return unitLength == 0 ? 0 : Math.min(times, MAX_SIZE / unitLength);
        }
    }
}
