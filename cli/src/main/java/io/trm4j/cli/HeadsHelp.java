package io.trm4j.cli;

import io.trm4j.core.Trm;
import io.trm4j.core.model.ModelCatalog;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The "Heads:" section of {@code trm --help} and of the commands that take a head: the heads come
 * from the {@link io.trm4j.core.head.HeadRegistry} and the models from the bundled catalog when help
 * is shown, so a new head appears without editing any help text.
 */
final class HeadsHelp {
    static final String SECTION = "trmHeads";
    private static final int WIDTH = 80;
    private static final String NL = System.lineSeparator();

    private HeadsHelp() {
    }

    /** Adds the section (before the footer) to {@code root} and to its subcommands {@code commands}. */
    static void install(CommandLine root, String... commands) {
        install(root, HeadsHelp::text, commands);
    }

    static void install(CommandLine root, Supplier<String> text, String... commands) {
        List<String> keys = new ArrayList<>(root.getHelpSectionKeys());
        if (!keys.contains(SECTION)) {
            keys.add(keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER_HEADING), SECTION);
            root.setHelpSectionKeys(keys); // also sets them on every subcommand; those without the renderer skip it
        }
        root.getHelpSectionMap().put(SECTION, help -> text.get());
        for (String name : commands) {
            root.getSubcommands().get(name).getHelpSectionMap().put(SECTION, help -> text.get());
        }
    }

    /** E.g. "Heads: maze, sudoku, tokens" and which of them have a bundled model. */
    static String text() {
        List<String> heads;
        List<String> bundled = new ArrayList<>();
        try {
            heads = Trm.heads().names();
            for (ModelCatalog.Entry e : ModelCatalog.systemCatalog().list()) {
                String name = e.manifest().name();
                String head = e.manifest().head();
                bundled.add(name.equals(head) ? name : name + " (head " + head + ")");
            }
        } catch (RuntimeException e) {
            return NL + "Heads: (cannot list them: " + e.getMessage() + ")" + NL;
        }
        return text(heads, bundled);
    }

    static String text(List<String> heads, List<String> bundled) {
        String line = "Heads: " + (heads.isEmpty() ? "none (is trm4j-heads on the classpath?)" : String.join(", ", heads))
                + ". Bundled models: " + (bundled.isEmpty() ? "none" : String.join(", ", bundled))
                + "; for any other head give --model DIR, a model directory exported by export-scripts/.";
        return NL + wrap(line, WIDTH, "  ") + NL;
    }

    /** Word-wraps {@code text} to {@code width} columns, indenting continuation lines. */
    static String wrap(String text, int width, String indent) {
        StringBuilder out = new StringBuilder();
        int col = 0;
        for (String word : text.split(" ")) {
            if (col > 0 && col + 1 + word.length() > width) {
                out.append(NL).append(indent);
                col = indent.length();
            } else if (col > 0) {
                out.append(' ');
                col++;
            }
            out.append(word);
            col += word.length();
        }
        return out.toString();
    }
}
