package io.trm4j.core.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trm4j.core.TrmException;
import io.trm4j.core.loop.HaltingPolicy;
import io.trm4j.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManifestReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORIGIN = "/m/manifest.json";

    private static ObjectNode fixture() throws IOException {
        return (ObjectNode) JSON.readTree(Files.readAllBytes(Fixtures.dir(Fixtures.ATTN).resolve("manifest.json")));
    }

    private static String failure(Consumer<ObjectNode> edit) throws IOException {
        ObjectNode m = fixture();
        edit.accept(m);
        byte[] bytes = JSON.writeValueAsBytes(m);
        return assertThrows(TrmException.class, () -> ManifestReader.parse(bytes, ORIGIN)).getMessage();
    }

    @Test
    void parsesTheFixture() throws IOException {
        ObjectNode m = fixture();
        m.put("some_future_field", 3); // unknown fields are ignored
        Manifest manifest = ManifestReader.parse(JSON.writeValueAsBytes(m), ORIGIN);
        assertEquals("tiny-attn", manifest.name());
        assertEquals("tokens", manifest.head());
        assertEquals(16, manifest.seqLen());
        assertEquals(32, manifest.stateLen());
        assertEquals(8, manifest.vocab().size());
        assertEquals("attention", manifest.arch().variant());
        assertEquals(2, manifest.arch().lCycles());
        assertEquals(HaltingPolicy.Kind.FIXED, manifest.halting().toPolicy().kind());
        assertTrue(manifest.provenance().isObject());
    }

    @Test
    void haltReadoutIsReadAsInformationOnly() throws IOException {
        // arch.halt_readout says where q_head reads (position 0 or the mean); the cell graph already
        // does it, so every value, and its absence in older manifests, loads the same manifest.
        Manifest without = ManifestReader.parse(JSON.writeValueAsBytes(fixture()), ORIGIN);
        for (String readout : new String[] {"first", "mean"}) {
            ObjectNode m = fixture();
            ((ObjectNode) m.get("arch")).put("halt_readout", readout);
            assertEquals(without, ManifestReader.parse(JSON.writeValueAsBytes(m), ORIGIN), readout);
        }
    }

    @Test
    void newerFormatFailsClearly() throws IOException {
        String msg = failure(m -> {
            m.put("format_version", 3);
            m.remove("vocab"); // a newer format may lack fields: the version check comes first
        });
        assertEquals(ORIGIN + ": manifest format_version 3 is newer than this trm4j supports (2)", msg);
    }

    @Test
    void vocabMustMatchVocabSize() throws IOException {
        String msg = failure(m -> ((ArrayNode) m.get("vocab")).remove(0));
        assertEquals(ORIGIN + ": vocab has 7 entries but vocab_size is 8", msg);
    }

    @Test
    void stateLenMustCoverSeqLen() throws IOException {
        String msg = failure(m -> m.put("state_len", 8));
        assertEquals(ORIGIN + ": state_len (8) must be >= seq_len (16)", msg);
    }

    @Test
    void missingFieldsAreNamed() throws IOException {
        assertTrue(failure(m -> m.remove("name")).contains("'name'"));
        assertTrue(failure(m -> m.remove("format_version")).contains("'format_version'"));
        assertTrue(failure(m -> m.put("seq_len", 0)).contains("'seq_len'"));
        String typo = failure(m -> m.put("seq_len", "sixteen"));
        assertTrue(typo.startsWith(ORIGIN + ": invalid field 'seq_len'"), typo);
    }

    @Test
    void unknownHaltingPolicyIsNamed() throws IOException {
        String msg = failure(m -> ((ObjectNode) m.get("halting")).put("policy", "maybe"));
        assertTrue(msg.contains("halting.policy") && msg.contains("'maybe'"), msg);
    }

    @Test
    void notJson() {
        TrmException e = assertThrows(TrmException.class, () -> ManifestReader.parse("{oops".getBytes(), ORIGIN));
        assertTrue(e.getMessage().startsWith(ORIGIN + ": not valid JSON"), e.getMessage());
    }
}
