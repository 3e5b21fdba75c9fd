package io.trm4j.cli;

import io.trm4j.core.Trm;
import io.trm4j.core.TrmException;
import io.trm4j.core.head.HeadRegistry;
import io.trm4j.core.head.command.CommandKind;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;

/** The {@code trm} command. */
@Command(name = "trm",
        mixinStandardHelpOptions = true,
        versionProvider = TrmCli.Version.class,
        description = {"Run Tiny Recursive Models (TRM) on the JVM: solve puzzles, evaluate and benchmark "
                + "models, and serve them over HTTP.",
                "A task head (below) turns a puzzle into tokens and the model's tokens back into an answer; "
                        + "each command runs the head's bundled model unless --model DIR names another."},
        footer = {"%nRun 'trm COMMAND --help' for a command's inputs and options.",
                "%nExamples:",
                "  trm solve sudoku puzzle.txt",
                "  trm solve maze maze.txt",
                "  trm eval sudoku puzzles.csv --limit 200",
                "  trm models",
                "  trm doctor"},
        subcommands = {SolveCommand.class, EvalCommand.class, BenchCommand.class, ModelsCommand.class, DoctorCommand.class,
                ServeCommand.class, LoadTestCommand.class,
                CommandLine.HelpCommand.class})
public final class TrmCli {
    /** Exit codes: 0 ok, 1 unsolved or failed, 2 usage or input error. */
    public static final int OK = 0;
    public static final int UNSOLVED = 1;
    public static final int USAGE = 2;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces on errors.")
    boolean verbose;

    final InputStream stdin;
    /** The environment the settings read {@code TRM_*} from (injectable for tests). */
    final Map<String, String> env;
    /** Whether stdout and stderr are terminals: colours and progress go to a terminal only. */
    final Terminal terminal;

    /** Streams that are no terminal (tests, embedding). */
    TrmCli(InputStream stdin, Map<String, String> env) {
        this(stdin, env, Terminal.of(false, false, env));
    }

    TrmCli(InputStream stdin, Map<String, String> env, Terminal terminal) {
        this.stdin = stdin;
        this.env = env;
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        int code = run(args, System.in, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        System.exit(code);
    }

    /** Runs the command line without exiting (tests call this). */
    public static int run(String[] args, InputStream in, PrintWriter out, PrintWriter err) {
        return run(args, in, out, err, System.getenv());
    }

    /** Runs the command line with {@code env} as the environment. */
    public static int run(String[] args, InputStream in, PrintWriter out, PrintWriter err, Map<String, String> env) {
        return run(args, in, out, err, env, Terminal.detect(env));
    }

    /** Runs the command line as if stdout and stderr were (or were not) the terminals {@code terminal} says. */
    static int run(String[] args, InputStream in, PrintWriter out, PrintWriter err, Map<String, String> env,
                   Terminal terminal) {
        TrmCli root = new TrmCli(in, Map.copyOf(env), terminal);
        CommandLine cli = new CommandLine(root);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExpandAtFiles(false); // @file is our own input syntax, not picocli argument files
        HeadsHelp.install(cli, "solve", "eval");
        RunOptions.install(cli);
        RunOptions.addFlags(cli.getSubcommands().get("serve").getCommandSpec(), ServeCommand.FLAGS);
        installHeadOptions(cli);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            boolean verbose = root.verbose;
            if (e instanceof TrmException) {
                cmd.getErr().println("trm: " + e.getMessage());
                if (verbose) {
                    e.printStackTrace(cmd.getErr());
                }
                return USAGE;
            }
            cmd.getErr().println("trm: failed: " + e);
            if (verbose) {
                e.printStackTrace(cmd.getErr());
            }
            return UNSOLVED;
        });
        cli.setParameterExceptionHandler((e, params) -> {
            e.getCommandLine().getErr().println("trm: " + e.getMessage());
            e.getCommandLine().getErr().println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help' for more information.");
            return USAGE;
        });
        cli.setExitCodeExceptionMapper(e -> USAGE);
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The options the heads add to solve and eval; without heads (discovery failed) the commands say so when run. */
    private static void installHeadOptions(CommandLine cli) {
        HeadRegistry heads;
        try {
            heads = Trm.heads();
        } catch (RuntimeException e) {
            return;
        }
        HeadFeatures.install(cli.getSubcommands().get("solve"), CommandKind.SOLVE, heads);
        HeadFeatures.install(cli.getSubcommands().get("eval"), CommandKind.EVAL, heads);
    }

    /** The version from the jar manifest (set by the build). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = TrmCli.class.getPackage().getImplementationVersion();
            return new String[] {"trm " + (v == null ? "(development build)" : v)};
        }
    }
}
