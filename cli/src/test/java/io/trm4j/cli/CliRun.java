package io.trm4j.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One in-process run of the {@code trm} command line, as the tests drive it. */
record CliRun(int code, String out, String err) {
    static CliRun of(String... args) {
        return with("", Map.of(), args);
    }

    static CliRun withStdin(String stdin, String... args) {
        return with(stdin, Map.of(), args);
    }

    static CliRun withEnv(Map<String, String> env, String... args) {
        return with("", env, args);
    }

    /** A run whose stderr counts as a terminal (a person watches it) while stdout goes to a pipe. */
    static CliRun stderrOnTerminal(String... args) {
        return with("", Map.of(), Terminal.of(false, true, Map.of()), args);
    }

    /** A run with stdout and stderr counting as terminals or not, and {@code env} (TERM, NO_COLOR). */
    static CliRun onTerminal(boolean stdout, boolean stderr, Map<String, String> env, String... args) {
        return with("", env, Terminal.of(stdout, stderr, env), args);
    }

    /** By default neither stream is a terminal, whatever the test runner's streams are. */
    private static CliRun with(String stdin, Map<String, String> env, String... args) {
        return with(stdin, env, Terminal.of(false, false, env), args);
    }

    private static CliRun with(String stdin, Map<String, String> env, Terminal terminal, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TrmCli.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out), new PrintWriter(err), env, terminal);
        return new CliRun(code, out.toString(), err.toString());
    }
}
