package io.trm4j.core.loop;

import io.trm4j.core.TrmException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HaltingPolicyTest {
    @Test
    void fixedNeverHaltsEarly() {
        HaltingPolicy p = HaltingPolicy.fixed();
        assertNull(p.decide(100f, 100));
    }

    @Test
    void actHaltsOnPositiveLogitOnly() {
        HaltingPolicy p = new HaltingPolicy(HaltingPolicy.Kind.ACT, 2);
        assertEquals(HaltReason.ACT, p.decide(0.01f, 0));
        assertNull(p.decide(0f, 5));
        assertNull(p.decide(-3f, 5));
    }

    @Test
    void convergedHaltsAfterPatienceUnchangedSteps() {
        HaltingPolicy p = new HaltingPolicy(HaltingPolicy.Kind.CONVERGED, 3);
        assertNull(p.decide(10f, 2));
        assertEquals(HaltReason.CONVERGED, p.decide(-10f, 3));
    }

    @Test
    void parsesNamesAndRejectsUnknownOnes() {
        assertEquals(HaltingPolicy.Kind.ACT, HaltingPolicy.Kind.parse(" Act "));
        TrmException e = assertThrows(TrmException.class, () -> HaltingPolicy.Kind.parse("sometimes"));
        assertTrue(e.getMessage().contains("'sometimes'") && e.getMessage().contains("fixed, act or converged"),
                e.getMessage());
    }

    @Test
    void rejectsBadPatience() {
        assertThrows(TrmException.class, () -> new HaltingPolicy(HaltingPolicy.Kind.CONVERGED, 0));
        assertThrows(TrmException.class, () -> new HaltingPolicy(HaltingPolicy.Kind.CONVERGED, 1025));
    }
}
