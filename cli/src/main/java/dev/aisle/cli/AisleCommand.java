package dev.aisle.cli;

import dev.aisle.AisleVersion;
import dev.aisle.BadInputException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code aisle} command. */
@Command(
    name = "aisle",
    mixinStandardHelpOptions = true,
    versionProvider = AisleCommand.Version.class,
    description = "Aisle: product recommendations from browse sessions.",
    subcommands = {IngestCommand.class, StatsCommand.class, GenerateCommand.class,
        TrainCommand.class, TuneCommand.class, EvaluateCommand.class, RecommendCommand.class, ExportCommand.class,
        ServeCommand.class, DemoCommand.class, IndexCommand.class,
        SparkLauncherCommand.class, RetrainCommand.class},
    footer = {"", "Example:", "  aisle demo", "  aisle ingest --format session-rec --out yc.corpus clicks.tsv",
        "  aisle stats yc.corpus", "", "Run 'aisle COMMAND --help' for a command's options."})
public final class AisleCommand implements Callable<Integer> {
  /** Exit code for success. */
  public static final int OK = 0;

  /** Exit code for a failure that is not the user's input. */
  public static final int FAILURE = 1;

  /** Exit code for bad input or usage. */
  public static final int BAD_INPUT = 2;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return BAD_INPUT;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new AisleCommand());
    cl.setExecutionExceptionHandler(AisleCommand::handle);
    cl.setParameterExceptionHandler((ex, args) -> {
      PrintWriter err = ex.getCommandLine().getErr();
      err.println("aisle: " + ex.getMessage());
      err.println("Run '" + ex.getCommandLine().getCommandSpec().qualifiedName()
          + " --help' for usage.");
      return BAD_INPUT;
    });
    return cl;
  }

  private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    PrintWriter err = cl.getErr();
    if (e instanceof BadInputException || e instanceof IllegalArgumentException) {
      err.println("aisle: error: " + e.getMessage());
      return BAD_INPUT;
    }
    err.println("aisle: failed: " + e);
    if (System.getenv("AISLE_DEBUG") != null) {
      e.printStackTrace(err);
    } else {
      err.println("(set AISLE_DEBUG=1 for the stack trace)");
    }
    return FAILURE;
  }

  /** Reports the version of this build. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"aisle " + AisleVersion.get()};
    }
  }
}
