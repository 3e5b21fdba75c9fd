package io.trm4j.core;

import io.trm4j.core.loop.HaltingPolicy;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TrmConfigTest {
    @Test
    void defaultsAndWithers() {
        TrmConfig c = TrmConfig.of("sudoku");
        assertEquals(Provider.CPU, c.provider());
        assertNull(c.toOptions().maxSteps());
        TrmConfig d = c.withHead("tokens").withMaxSteps(8).withHalting(HaltingPolicy.Kind.ACT).withThreads(3)
                .withProvider(Provider.AUTO);
        Options o = d.toOptions();
        assertEquals("tokens", o.head());
        assertEquals(8, o.maxSteps());
        assertEquals(HaltingPolicy.Kind.ACT, o.halting());
        assertEquals(3, o.threads());
        assertEquals(Provider.AUTO, o.provider());
    }

    @Test
    void validates() {
        assertThrows(TrmException.class, () -> TrmConfig.of(" "));
        assertThrows(TrmException.class, () -> TrmConfig.of("x").withMaxSteps(0));
        assertThrows(TrmException.class, () -> TrmConfig.of("x").withThreads(-1));
        assertThrows(NullPointerException.class, () -> TrmConfig.of(null));
    }
}
