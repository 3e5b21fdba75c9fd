package io.trm4j.bench.harness;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class CpuFeaturesTest {
    @Test
    void readsTheModelAndTheWatchedFlagsInTheirOrder() {
        CpuFeatures cpu = CpuFeatures.parse("""
                processor\t: 0
                model name\t: Intel(R) Xeon(R) Platinum 8480+
                flags\t\t: fpu amx_int8 sse4_2 avx512_vnni avx2 fma avx512f amx_tile
                processor\t: 1
                model name\t: Intel(R) Xeon(R) Platinum 8480+
                """);
        assertEquals("Intel(R) Xeon(R) Platinum 8480+", cpu.model());
        assertEquals(List.of("avx2", "fma", "avx512f", "avx512_vnni", "amx_tile", "amx_int8"), cpu.flags());
        assertEquals("Intel(R) Xeon(R) Platinum 8480+ (avx2 fma avx512f avx512_vnni amx_tile amx_int8)",
                cpu.describe());
    }

    @Test
    void withoutCpuinfoTheModelIsUnknown() {
        CpuFeatures cpu = CpuFeatures.parse("");
        assertEquals("unknown", cpu.model());
        assertEquals(List.of(), cpu.flags());
        assertEquals("unknown (none of avx2 fma avx512f avx512_vnni avx512_bf16 avx_vnni amx_tile amx_int8 amx_bf16)",
                cpu.describe());
    }

    @Test
    void thisMachineHasAModelName() {
        assertFalse(CpuFeatures.current().model().isBlank());
    }
}
