package io.trm4j.core.head;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerdictSupportTest {
    @Test
    void agreementBreaksTiesInReproducedChecksButDoesNotOutrankThem() {
        Verdict.Support agreed = new Verdict.Support(0, 1, "a+b").withAgreement("a+b");
        assertTrue(agreed.agreement());
        assertFalse(new Verdict.Support(0, 1, "a").agreement());
        assertTrue(agreed.compareTo(new Verdict.Support(0, 1, "a")) > 0);
        assertTrue(agreed.compareTo(new Verdict.Support(1, 1, "a")) < 0);
        assertFalse(agreed.complete()); // agreement is support, not a passed check
        assertEquals(new Verdict.Support(2, 3, "a", true), new Verdict.Support(2, 3, "x").withAgreement("a"));
    }
}
