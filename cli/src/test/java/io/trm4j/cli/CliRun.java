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

    private static CliRun with(String stdin, Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TrmCli.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out), new PrintWriter(err), env);
        return new CliRun(code, out.toString(), err.toString());
    }
}
