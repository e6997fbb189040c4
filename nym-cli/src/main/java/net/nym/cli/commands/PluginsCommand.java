package net.nym.cli.commands;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import net.nym.cli.NymHost;
import net.nym.cli.plugin.PluginHost;
import net.nym.cli.plugin.PluginStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nym plugins}: what the host loaded, and why a plugin was skipped. */
@Command(
    name = "plugins",
    mixinStandardHelpOptions = true,
    description = "Lists and describes the installed plugins.",
    subcommands = {PluginsCommand.ListCommand.class, PluginsCommand.InfoCommand.class})
public final class PluginsCommand {

  /** {@code nym plugins list [-o text|json]}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = {
        "Lists every plugin jar found: id, version, state, the commands it adds,",
        "and why it failed. JSON: an array of the fields of `nym plugins info`."
      })
  public static final class ListCommand implements Callable<Integer> {

    private final NymHost host;

    @Spec private CommandSpec spec;

    @Option(
        names = {"-o", "--output"},
        paramLabel = "FORMAT",
        defaultValue = "text",
        description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private OutputFormat format;

    /** The command for the plugins of {@code host}. */
    public ListCommand(NymHost host) {
      this.host = host;
    }

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PluginHost plugins = host.plugins();
      List<PluginStatus> statuses = plugins.statuses();
      if (format == OutputFormat.json) {
        OutputFormat.printJson(out, statuses);
        return 0;
      }
      if (statuses.isEmpty()) {
        out.println("No plugins installed. Plugin directories:");
        plugins.roots().forEach(root -> out.println("  " + root));
        return 0;
      }
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"ID", "VERSION", "STATE", "COMMANDS", "REASON"});
      for (PluginStatus status : statuses) {
        rows.add(
            new String[] {
              status.id(),
              status.version().isEmpty() ? "-" : status.version(),
              status.state().name(),
              status.commands().isEmpty() ? "-" : String.join(",", status.commands()),
              status.reason()
            });
      }
      printTable(out, rows);
      return 0;
    }

    private static void printTable(PrintWriter out, List<String[]> rows) {
      int columns = rows.get(0).length;
      int[] widths = new int[columns];
      for (String[] row : rows) {
        for (int i = 0; i < columns; i++) {
          widths[i] = Math.max(widths[i], row[i].length());
        }
      }
      for (String[] row : rows) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < columns; i++) {
          line.append(i == columns - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
        }
        out.println(line.toString().stripTrailing());
      }
    }
  }

  /** {@code nym plugins info <id> [-o text|json]}. */
  @Command(
      name = "info",
      mixinStandardHelpOptions = true,
      description =
          "Shows one plugin: its manifest fields, jar, state, extensions, commands and services.")
  public static final class InfoCommand implements Callable<Integer> {

    private final NymHost host;

    @Spec private CommandSpec spec;

    @Parameters(
        paramLabel = "ID",
        description = "The plugin id (a jar with an unreadable manifest: its file name).")
    private String id;

    @Option(
        names = {"-o", "--output"},
        paramLabel = "FORMAT",
        defaultValue = "text",
        description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private OutputFormat format;

    /** The command for the plugins of {@code host}. */
    public InfoCommand(NymHost host) {
      this.host = host;
    }

    @Override
    public Integer call() throws Exception {
      PluginStatus status =
          host.plugins()
              .status(id)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "no plugin '" + id + "' is installed (see nym plugins list)"));
      PrintWriter out = spec.commandLine().getOut();
      if (format == OutputFormat.json) {
        OutputFormat.printJson(out, status);
        return 0;
      }
      field(out, "Id", status.id());
      field(out, "Version", status.version());
      field(out, "State", status.state().name());
      field(out, "Reason", status.reason());
      field(out, "Description", status.description());
      field(out, "Provider", status.provider());
      field(out, "Requires", status.requires());
      field(out, "License", status.license());
      field(out, "Plugin class", status.pluginClass());
      field(out, "Dependencies", String.join(", ", status.dependencies()));
      field(out, "Path", status.path());
      field(out, "Extensions", String.join(", ", status.extensions()));
      field(out, "Commands", String.join(", ", status.commands()));
      field(out, "Services", String.join(", ", status.serviceKinds()));
      return 0;
    }

    private static void field(PrintWriter out, String name, String value) {
      out.printf("%-14s%s%n", name + ":", value.isEmpty() ? "-" : value);
    }
  }
}
