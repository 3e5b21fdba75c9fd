package io.trm4j.heads.arc;

import io.trm4j.core.head.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArcParserTest {
    static String resource(String name) {
        try (InputStream in = ArcParserTest.class.getResourceAsStream("/arc/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /arc/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ArcTask task(String id) {
        return ArcParser.parse(resource(id + ".json")).withId(id);
    }

    @Test
    void readsRealTasks() {
        ArcTask t = task("6150a2bd");
        assertEquals(2, t.train().size());
        assertEquals(1, t.test().size());
        assertEquals(ArcGrid.of(new int[][] {{6, 3, 5}, {6, 8, 0}, {4, 0, 0}}), t.test().get(0).input());
        assertEquals(ArcGrid.of(new int[][] {{0, 0, 4}, {0, 8, 6}, {5, 3, 6}}), t.test().get(0).output());
        assertTrue(t.hasTestOutputs());

        ArcTask many = task("27a28665");
        assertEquals(3, many.test().size());
        assertEquals(1, many.test().get(2).output().rows());
        assertEquals(1, many.test().get(2).output().cols());

        ArcTask wide = task("8d5021e8");
        ArcGrid out = wide.test().get(0).output();
        assertEquals(9, out.rows());
        assertEquals(4, out.cols());
        assertEquals(3, wide.test().get(0).input().rows());
        assertEquals(2, wide.test().get(0).input().cols());
    }

    @Test
    void testOutputsAreOptional() {
        ArcTask t = ArcParser.parse("{\"train\":[{\"input\":[[1]],\"output\":[[2]]}],\"test\":[{\"input\":[[3,4]]}]}");
        assertNull(t.id());
        assertFalse(t.test().get(0).hasOutput());
        assertFalse(t.hasTestOutputs());
        assertEquals(ArcGrid.of(1, 2, 3, 4), t.test().get(0).input());
    }

    @Test
    void readsTheIdFromTheChallengesFormOrAnIdField() {
        String inner = "{\"train\":[],\"test\":[{\"input\":[[0]]}]}";
        assertEquals("007bbfb7", ArcParser.parse("{\"007bbfb7\":" + inner + "}").id());
        assertEquals("abc", ArcParser.parse("{\"id\":\"abc\",\"train\":[],\"test\":[{\"input\":[[0]]}]}").id());
        assertEquals("the JSON holds 2 tasks (a, b); give one task",
                error("{\"a\":" + inner + ",\"b\":" + inner + "}"));
    }

    @Test
    void raggedRowsNameThePairAndRows() {
        assertEquals("test[0].input row 3 has 5 cells, row 1 has 6",
                error("{\"train\":[],\"test\":[{\"input\":[[1,1,1,1,1,1],[1,1,1,1,1,1],[1,1,1,1,1]]}]}"));
    }

    @Test
    void colorsOutside0to9NameTheCell() {
        assertEquals("train[1].output: color 12 at row 2, column 4 is not 0-9",
                error("{\"train\":[{\"input\":[[1]],\"output\":[[1]]},{\"input\":[[1]],"
                        + "\"output\":[[0,0,0,0],[0,0,0,12]]}],\"test\":[{\"input\":[[1]]}]}"));
        assertEquals("test[0].input: color -1 at row 1, column 1 is not 0-9",
                error("{\"test\":[{\"input\":[[-1]]}]}"));
        assertEquals("test[0].input: color 1.5 at row 1, column 2 is not 0-9",
                error("{\"test\":[{\"input\":[[1,1.5]]}]}"));
        assertEquals("test[0].input: color \"3\" at row 1, column 1 is not 0-9",
                error("{\"test\":[{\"input\":[[\"3\"]]}]}"));
    }

    @Test
    void gridsLargerThan30x30AreRejected() {
        StringBuilder sb = new StringBuilder("{\"test\":[{\"input\":[");
        for (int r = 0; r < 31; r++) {
            sb.append(r == 0 ? "" : ",").append("[1,2,3,4]");
        }
        sb.append("]}]}");
        assertEquals("test[0].input: grid 31x4 is larger than 30x30", error(sb.toString()));
    }

    @Test
    void badShapesSayWhatIsWrong() {
        assertTrue(error("").startsWith("empty ARC task"));
        assertTrue(error("[1,2]").startsWith("expected ARC task JSON"));
        assertTrue(error("{\"train\":[]}").startsWith("no \"test\" field"));
        assertEquals("\"test\" is empty: a task needs at least one test input", error("{\"test\":[]}"));
        assertEquals("test[0]: no \"input\" grid", error("{\"test\":[{}]}"));
        assertEquals("train[0]: no \"output\" grid (a demonstration pair needs one)",
                error("{\"train\":[{\"input\":[[1]]}],\"test\":[{\"input\":[[1]]}]}"));
        assertEquals("test[0].input row 2 is empty", error("{\"test\":[{\"input\":[[1],[]]}]}"));
        assertTrue(error("{\"test\":[{\"input\":[]}]}").startsWith("test[0].input: a grid is a non-empty array"));
        assertTrue(error("{\"test\":[{\"input\":[[1]]}").startsWith("invalid JSON at line 1"));
    }

    @Test
    void hugeOrDeeplyNestedInputFailsWithAMessage() {
        for (String json : List.of("[".repeat(30_000), "{\"a\":".repeat(30_000), "{\"test\":[{\"input\":"
                + "[[[[[[1]]]]]]}]}", "{\"x\":5}", "{}", "null", "5", "{\"test\":5}", "{\"test\":[5]}",
                "{\"test\":[{\"input\":[[1]],\"output\":5}]}")) {
            String msg = error(json);
            assertFalse(msg.isBlank(), json);
        }
        assertThrows(InvalidInputException.class, () -> ArcParser.expectedOutputs("[[[[1]]]]"));
        assertThrows(InvalidInputException.class, () -> ArcParser.expectedOutputs("{}"));
    }

    @Test
    void expectedOutputsAreOneGridOrOnePerTestInput() {
        assertEquals(List.of(ArcGrid.of(1, 2, 1, 2)), ArcParser.expectedOutputs("[[1,2]]"));
        assertEquals(List.of(ArcGrid.of(1, 1, 1), ArcGrid.of(1, 1, 2)), ArcParser.expectedOutputs("[[[1]],[[2]]]"));
    }

    private static String error(String json) {
        return assertThrows(InvalidInputException.class, () -> ArcParser.parse(json)).getMessage();
    }
}
