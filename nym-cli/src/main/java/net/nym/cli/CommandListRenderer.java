package net.nym.cli;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.Column.Overflow;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The "Commands:" section of {@code nym --help}: picocli's list, with {@code [plugin: id]} after
 * the description of each command a plugin contributed.
 */
final class CommandListRenderer implements IHelpSectionRenderer {

  private final Function<String, Optional<String>> owner;

  /**
   * A renderer that tags plugin commands.
   *
   * @param owner the id of the plugin that contributed a top-level command, by command name
   */
  CommandListRenderer(Function<String, Optional<String>> owner) {
    this.owner = owner;
  }

  @Override
  public String render(Help help) {
    Map<String, Help> subcommands = help.subcommands();
    if (subcommands.isEmpty()) {
      return "";
    }
    int longest = 0;
    for (Help sub : subcommands.values()) {
      longest = Math.max(longest, sub.commandNamesText(", ").plainString().length());
    }
    int width = help.commandSpec().usageMessage().width();
    int nameColumn = Math.min(longest + 4, width / 2);
    TextTable table =
        TextTable.forColumns(
            help.colorScheme(),
            new Column(nameColumn, 2, Overflow.SPAN),
            new Column(width - nameColumn, 1, Overflow.WRAP));
    int descriptionWidth = width - nameColumn - 1;
    for (Help sub : subcommands.values()) {
      CommandSpec spec = sub.commandSpec();
      String summary = summary(spec.usageMessage());
      Optional<String> tag = owner.apply(spec.name()).map(id -> "[plugin: " + id + "]");
      if (tag.isPresent() && summary.length() + 1 + tag.get().length() <= descriptionWidth) {
        summary = summary + " " + tag.get();
        tag = Optional.empty();
      }
      table.addRowValues(sub.commandNamesText(", "), help.colorScheme().text(summary));
      // A tag that does not fit goes on a line of its own, indented like a wrapped line, rather
      // than being split.
      tag.ifPresent(
          t -> table.addRowValues(help.colorScheme().text(""), help.colorScheme().text("  " + t)));
    }
    return table.toString();
  }

  /** The first header line, else the first description line, as picocli's own list shows. */
  private static String summary(UsageMessageSpec usage) {
    String[] lines = usage.header().length > 0 ? usage.header() : usage.description();
    return lines.length > 0 ? lines[0] : "";
  }
}
