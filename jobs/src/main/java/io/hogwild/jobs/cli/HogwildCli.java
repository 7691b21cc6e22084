package io.hogwild.jobs.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./hogwild} command line. */
@Command(name = "hogwild", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, version = "hogwild-spark 0.1.0",
        description = "Hogwild! Inference engine: model files, tokenizer, generation and benchmarks.",
        subcommands = {InfoCommand.class, MakeModelCommand.class, TokenizeCommand.class, DetokenizeCommand.class,
                GenerateCommand.class, LogitsCommand.class, SolveCommand.class, BenchCommand.class,
                io.hogwild.jobs.spark.SolveJob.class, CommandLine.HelpCommand.class})
public final class HogwildCli {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line without exiting (for tests). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new HogwildCli());
        cl.setExecutionExceptionHandler((e, cmd, parse) -> {
            // One clear line for the user; the stack trace only when asked for.
            cmd.getErr().println("error: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            if (System.getenv("HOGWILD_DEBUG") != null) e.printStackTrace(cmd.getErr());
            return 1;
        });
        return cl.execute(args);
    }
}
