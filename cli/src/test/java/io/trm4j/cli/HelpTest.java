package io.trm4j.cli;

import io.trm4j.core.Trm;
import io.trm4j.core.config.Setting;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code trm --help}, {@code trm solve --help} and {@code trm eval --help}. */
class HelpTest {
    @Test
    void helpListsEveryRegisteredHead() {
        List<String> heads = Trm.heads().names();
        assertTrue(heads.containsAll(List.of("maze", "sudoku", "tokens")), heads.toString());
        String line = "Heads: " + String.join(", ", heads) + ".";
        for (String[] args : new String[][] {{"--help"}, {"solve", "--help"}, {"eval", "--help"}, {"help", "solve"}}) {
            CliRun r = CliRun.of(args);
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().replaceAll("\\s+", " ").contains(line), String.join(" ", args) + ":\n" + r.out());
            assertTrue(r.out().replaceAll("\\s+", " ").contains("Bundled models: sudoku, maze, sequence, arc;"), r.out());
        }
        assertFalse(CliRun.of("models", "--help").out().contains("Heads:"), "only where a head is taken");
    }

    @Test
    void solveHelpSaysHowInputsAreRead() {
        String help = CliRun.of("solve", "--help").out();
        assertTrue(help.contains("[HEAD] INPUT..."), help);
        for (String s : List.of("FILE    an existing file", "@FILE", "standard input", "no such file",
                "trm solve maze maze.txt", "trm solve tokens --model DIR")) {
            assertTrue(help.contains(s), s + " in:\n" + help);
        }
        help.lines().forEach(l -> assertTrue(l.length() <= 80, "too wide: " + l));
        CliRun.of("--help").out().lines().forEach(l -> assertTrue(l.length() <= 80, "too wide: " + l));
        CliRun.of("eval", "--help").out().lines().forEach(l -> assertTrue(l.length() <= 80, "too wide: " + l));
    }

    @Test
    void theSectionIsRenderedWhenHelpIsShown() {
        String[] heads = {"alpha"};
        CommandLine cli = new CommandLine(new TrmCli(System.in, java.util.Map.of()));
        HeadsHelp.install(cli, () -> HeadsHelp.text(List.of(heads), List.of()), "solve");
        heads[0] = "beta"; // a head registered after install still shows
        StringWriter out = new StringWriter();
        cli.getSubcommands().get("solve").usage(new PrintWriter(out));
        assertTrue(out.toString().contains("Heads: beta. Bundled models: none;"), out.toString());
    }

    @Test
    void wrapsAtWordsAndIndents() {
        String nl = System.lineSeparator();
        assertEquals("aaa bbb" + nl + "  ccc", HeadsHelp.wrap("aaa bbb ccc", 8, "  "));
    }

    @Test
    void runFlagsAndTheirHelpComeFromTheSettingsTable() {
        for (String command : List.of("solve", "eval", "bench", "serve")) {
            String help = CliRun.of(command, "--help").out().replaceAll("\\s+", " ");
            for (Setting s : RunOptions.FLAGS) {
                assertTrue(help.contains(s.flag() + "=" + s.paramLabel() + " " + s.description()),
                        command + ": " + s + " in:\n" + help);
            }
        }
        String serve = CliRun.of("serve", "--help").out().replaceAll("\\s+", " ");
        for (Setting s : ServeCommand.FLAGS) {
            assertTrue(serve.contains(s.flag() + "=" + s.paramLabel() + " " + s.description()), s + " in:\n" + serve);
        }
        CliRun bad = CliRun.of("solve", "--max-steps", "many", "tokens", "1 2");
        assertEquals(2, bad.code());
        assertEquals("trm: bad value 'many' for max_steps in --max-steps: not an integer", bad.err().trim());
    }
}
