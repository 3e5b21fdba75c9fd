package io.trm4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where human decorations may go: colours on stdout, the {@code \r} progress bar on stderr. Each
 * goes to a terminal only, so pipes and files get plain text (and {@code --json} output stays one
 * JSON document).
 *
 * <p>Whether a stream is a terminal: the {@code trm} script passes {@code -Dtrm.stdout.tty} and
 * {@code -Dtrm.stderr.tty} from bash's {@code [ -t 1 ]} / {@code [ -t 2 ]}, which call isatty(3)
 * and so are right on every OS. A bare {@code java -jar} on Linux falls back to where
 * {@code /proc/self/fd/N} points (a tty device or not). Elsewhere only stdout can be judged, by
 * {@link System#console()} (a terminal on stdin and stdout); stderr then counts as no terminal.
 *
 * @param colour ANSI colours on stdout: stdout is a terminal, {@code NO_COLOR} is unset and
 *               {@code TERM} names a terminal that has colours (not unset, not {@code dumb})
 */
record Terminal(boolean stdout, boolean stderr, boolean colour) {
    static final String STDOUT_PROPERTY = "trm.stdout.tty";
    static final String STDERR_PROPERTY = "trm.stderr.tty";

    /** Decides colour from the environment ({@code NO_COLOR}, {@code TERM}) for the given streams. */
    static Terminal of(boolean stdout, boolean stderr, Map<String, String> env) {
        String term = env.get("TERM");
        boolean colour = stdout && env.get("NO_COLOR") == null && term != null && !term.isEmpty()
                && !term.equals("dumb");
        return new Terminal(stdout, stderr, colour);
    }

    /** The streams of this process. */
    static Terminal detect(Map<String, String> env) {
        return of(isTerminal(1, STDOUT_PROPERTY), isTerminal(2, STDERR_PROPERTY), env);
    }

    private static boolean isTerminal(int fd, String property) {
        String flag = System.getProperty(property);
        if (flag != null) {
            return Boolean.parseBoolean(flag);
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException | SecurityException e) { // no /proc (macOS, Windows)
            return fd == 1 && System.console() != null;
        }
    }
}
