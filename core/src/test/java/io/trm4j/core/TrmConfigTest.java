package io.trm4j.core;

import io.trm4j.core.config.Setting;
import io.trm4j.core.loop.HaltingPolicy;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TrmConfigTest {
    @Test
    void defaultsAndWithers() {
        TrmConfig c = TrmConfig.of("sudoku");
        assertEquals(ExecutionProvider.CPU, c.loadOptions().provider());
        assertNull(c.reasonOptions().maxSteps());
        TrmConfig d = c.with(Setting.HEAD, "tokens").with(Setting.MAX_STEPS, 8)
                .with(Setting.HALTING, HaltingPolicy.Kind.ACT).with(Setting.THREADS, 3)
                .with(Setting.PROVIDER, ExecutionProvider.AUTO);
        LoadOptions o = d.loadOptions();
        assertEquals("tokens", o.head());
        assertEquals(8, o.reasonDefaults().maxSteps());
        assertEquals(HaltingPolicy.Kind.ACT, o.reasonDefaults().halting());
        assertEquals(3, o.threads());
        assertEquals(ExecutionProvider.AUTO, o.provider());
    }

    @Test
    void validates() {
        assertThrows(TrmException.class, () -> TrmConfig.of(" "));
        assertThrows(TrmException.class, () -> TrmConfig.of("x").with(Setting.MAX_STEPS, 0));
        assertThrows(TrmException.class, () -> TrmConfig.of("x").with(Setting.THREADS, -1));
        assertThrows(NullPointerException.class, () -> TrmConfig.of(null));
    }
}
