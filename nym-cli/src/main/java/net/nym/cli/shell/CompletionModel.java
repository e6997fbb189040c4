package net.nym.cli.shell;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A detached copy of a command tree's model, for tab completion.
 *
 * <p>picocli's completer ({@code AutoComplete.complete}) parses the partial line with {@code new
 * CommandLine(spec)}, which re-binds every spec of the tree to that new {@code CommandLine} and
 * writes the parsed values into the commands' fields. Run over the live tree, a command would then
 * print to that new {@code CommandLine}'s default {@code System.out} instead of the shell's
 * terminal. The copy has the same names, options, parameters and completion candidates, bound to
 * plain value holders instead of the commands.
 */
final class CompletionModel {

  private CompletionModel() {}

  /** A copy of {@code source} and all its subcommands, sharing no state with them. */
  static CommandSpec copyOf(CommandSpec source) {
    CommandSpec copy = CommandSpec.create().name(source.name()).aliases(source.aliases());
    for (OptionSpec option : source.options()) {
      Holder binding = new Holder();
      copy.addOption(OptionSpec.builder(option).getter(binding).setter(binding).build());
    }
    for (PositionalParamSpec positional : source.positionalParameters()) {
      Holder binding = new Holder();
      copy.addPositional(
          PositionalParamSpec.builder(positional).getter(binding).setter(binding).build());
    }
    for (Map.Entry<String, CommandLine> sub : source.subcommands().entrySet()) {
      // The map lists each subcommand under its name and under each alias; copy it once.
      if (sub.getKey().equals(sub.getValue().getCommandName())) {
        copy.addSubcommand(sub.getKey(), new CommandLine(copyOf(sub.getValue().getCommandSpec())));
      }
    }
    return copy;
  }

  /** Holds a parsed value for the copy; nothing reads it. */
  private static final class Holder implements IGetter, ISetter {
    private Object value;

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get() {
      return (T) value;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T set(T value) {
      T old = (T) this.value;
      this.value = value;
      return old;
    }
  }
}
