package io.trm4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 30: {@code trm solve --trace-out FILE.svg|.html} draws every step of one puzzle's trace. */
class TraceOutTest {
    private static final String PUZZLE = BundledSudokuTest.README_PUZZLE;

    @TempDir
    Path tmp;

    @Test
    void theSvgShowsEveryStepItsConfidenceAndMarksExactlyTheChangedCells() throws Exception {
        Path svg = tmp.resolve("trace.svg");
        CliRun r = CliRun.of("solve", "sudoku", PUZZLE, "--json", "--trace", "--threads", "1", "--trace-out",
                svg.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode res = new ObjectMapper().readTree(r.out());
        JsonNode trace = res.get("trace");
        assertTrue(r.err().contains("trm: wrote the trace (" + trace.size() + " steps) to " + svg), r.err());

        Document doc = parse(svg);
        List<String> texts = new ArrayList<>();
        NodeList t = doc.getElementsByTagName("text");
        for (int i = 0; i < t.getLength(); i++) {
            texts.add(t.item(i).getTextContent());
        }
        assertEquals("sudoku: SOLVED", texts.get(0));
        int changed = 0;
        for (JsonNode step : trace) {
            int k = step.get("step").asInt();
            String prefix = "step " + k + "  ";
            assertEquals(1, texts.stream().filter(s -> s.startsWith(prefix)).count(), "one panel for step " + k);
            changed += step.has("changed") ? step.get("changed").size() : 0;
        }
        assertTrue(changed > 0, r.out());
        assertEquals(changed, uses(doc, "#k"), "a changed mark (border and corner triangle) per changed cell");
        assertEquals(trace.size(), doc.getElementsByTagName("circle").getLength(), "a confidence point per step");
        // The last panel shows the last step's prediction spelled in the vocabulary: its 9 rows of text.
        StringBuilder last = new StringBuilder();
        trace.get(trace.size() - 1).get("prediction")
                .forEach(id -> last.append(res.at("/trace_layout/vocab/" + id.asInt()).asText()));
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < t.getLength(); i++) {
            if ("v".equals(((Element) t.item(i)).getAttribute("class"))) {
                rows.add(t.item(i).getTextContent());
            }
        }
        assertEquals(9 * trace.size(), rows.size());
        assertEquals(last.toString(), String.join("", rows.subList(rows.size() - 9, rows.size())));
    }

    @Test
    void theHtmlPageHoldsThePictureAndTheStepsAsText() throws Exception {
        Path html = tmp.resolve("trace.html");
        CliRun r = CliRun.of("solve", "sudoku", PUZZLE, "--threads", "1", "--trace-out", html.toString());
        assertEquals(0, r.code(), r.err());
        String page = Files.readString(html);
        assertTrue(page.startsWith("<!DOCTYPE html>"), page);
        assertTrue(page.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""), page);
        assertTrue(page.contains("  step   1  confidence "), page);
        assertFalse(r.out().contains("step   1"), "without --trace the steps are not printed: " + r.out());
    }

    @Test
    void aTracedSearchDrawsItsRunsSideBySide() throws Exception {
        Path svg = tmp.resolve("runs.svg");
        CliRun r = CliRun.of("solve", "sudoku", SearchBundledSudokuTest.HARD[0], "--json", "--trace", "--threads", "1",
                "--search", "restarts", "--budget", "3", "--seed", "0", "--trace-out", svg.toString());
        assertTrue(r.code() == 0 || r.code() == 1, r.err());
        JsonNode res = new ObjectMapper().readTree(r.out());
        JsonNode runs = res.get("search_runs");
        assertEquals(res.at("/search/loop_runs").asInt(), runs.size(), r.out());
        assertTrue(r.err().contains(", " + runs.size() + " search runs side by side) to " + svg), r.err());
        Document doc = parse(svg);
        List<String> texts = new ArrayList<>();
        NodeList t = doc.getElementsByTagName("text");
        for (int i = 0; i < t.getLength(); i++) {
            texts.add(t.item(i).getTextContent());
        }
        int steps = 0;
        int changed = 0;
        for (JsonNode run : runs) {
            String heading = "run " + run.get("run").asInt() + ": " + run.get("kind").asText();
            String expected = run.get("chosen").asBoolean() ? heading + "  \u2605 chosen" : heading;
            assertEquals(1, texts.stream().filter(expected::equals).count(), "one column headed " + expected);
            String status = run.at("/verdict/status").asText() + ", " + run.get("steps").asInt() + " steps";
            assertTrue(texts.stream().anyMatch(s -> s.startsWith(status)), status + " in " + texts);
            for (JsonNode step : run.get("trace")) {
                steps++;
                changed += step.has("changed") ? step.get("changed").size() : 0;
            }
        }
        assertEquals(1, texts.stream().filter(s -> s.endsWith("\u2605 chosen")).count(), "one chosen column");
        assertEquals(steps, texts.stream().filter(s -> s.matches("step \\d+  .*")).count(), "a panel per step of each run");
        assertEquals(changed, uses(doc, "#k"), "a changed mark per changed cell of each run");
        assertEquals(steps, doc.getElementsByTagName("circle").getLength(), "a confidence point per step of each run");

        Path html = tmp.resolve("runs.html");
        CliRun page = CliRun.of("solve", "sudoku", SearchBundledSudokuTest.HARD[0], "--threads", "1", "--search",
                "restarts", "--budget", "3", "--seed", "0", "--trace-out", html.toString());
        String text = Files.readString(html);
        assertTrue(text.contains("<h2>Run 1: first</h2>"), text);
        assertTrue(text.contains("<h2>Run " + runs.size() + ": restart"), text);
        assertTrue(page.err().contains(runs.size() + " search runs side by side"), page.err());
    }

    @Test
    void aWrongExtensionSeveralInputsOrNoFolderFailBeforeSolving() throws Exception {
        String two = "--trace-out=" + tmp.resolve("t.svg");
        assertFails("--trace-out writes an SVG picture or an HTML page: give a file name ending in .svg or .html, "
                + "not '" + tmp.resolve("t.png") + "'", "solve", "sudoku", PUZZLE, "--trace-out", tmp.resolve("t.png").toString());
        assertFails("--trace-out draws the trace of one puzzle, but 2 inputs were given: solve them one at a time",
                "solve", "sudoku", PUZZLE, PUZZLE, two);
        Path missing = tmp.resolve("no-such-folder").resolve("t.svg");
        assertFails("--trace-out " + missing + ": the folder " + missing.getParent() + " does not exist",
                "solve", "sudoku", PUZZLE, "--trace-out", missing.toString());
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        assertFails("--trace-out " + file.resolve("t.svg") + ": " + file + " is not a folder",
                "solve", "sudoku", PUZZLE, "--trace-out", file.resolve("t.svg").toString());
        Path folder = Files.createDirectory(tmp.resolve("pictures.svg"));
        assertFails("--trace-out " + folder + " is a folder: give the picture's file name",
                "solve", "sudoku", PUZZLE, "--trace-out", folder.toString());
        assertFails("--trace-out draws the model's steps, and this solve answers without the model",
                "solve", "sequence", "2, 4, 8, 16, ?", "--baseline", "--trace-out", tmp.resolve("s.svg").toString());
    }

    private static void assertFails(String message, String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(2, r.code(), r.err());
        assertEquals("trm: " + message, r.err().strip());
        assertFalse(r.err().contains("at io.trm4j"), r.err());
    }

    private static Document parse(Path svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        return f.newDocumentBuilder().parse(svg.toFile()); // fails unless the SVG is well-formed XML
    }

    private static int uses(Document doc, String href) {
        NodeList nodes = doc.getElementsByTagName("use");
        int n = 0;
        for (int i = 0; i < nodes.getLength(); i++) {
            n += href.equals(((Element) nodes.item(i)).getAttribute("xlink:href")) ? 1 : 0;
        }
        return n;
    }
}
