package dev.aisle.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A command that a later part of Aisle fills in. It is listed, has {@code --help} with the example
 * it will run, and fails with a clear message (exit 1) instead of doing something half-way.
 */
final class PendingCommand implements Callable<Integer> {
  private static final String[][] PENDING = {
    {"demo", "Generate a shop, train, evaluate and serve the storefront.",
        "aisle demo --port 8080"},
  };

  private final String name;
  private CommandSpec spec;

  private PendingCommand(String name) {
    this.name = name;
  }

  static void addAll(CommandLine parent) {
    for (String[] p : PENDING) {
      PendingCommand command = new PendingCommand(p[0]);
      CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
      command.spec = spec;
      spec.name(p[0]);
      spec.mixinStandardHelpOptions(true);
      spec.usageMessage()
          .description(p[1], "(not yet available in this version of Aisle)")
          .footer("", "Example:", "  " + p[2]);
      parent.addSubcommand(p[0], new CommandLine(spec));
    }
  }

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("aisle: '" + name + "' is not yet available in this version of Aisle;"
        + " 'aisle --help' lists what is.");
    return AisleCommand.FAILURE;
  }
}
