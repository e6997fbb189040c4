package net.nym.cli.completion;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nym completion [bash|zsh]}: prints the completion script for the tree loaded now. */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Prints a bash/zsh completion script for the commands loaded now.",
      "bash: add  source <(nym completion bash)  to ~/.bashrc",
      "zsh:  add  source <(nym completion zsh)   to ~/.zshrc; picocli's script runs in zsh",
      "      through bashcompinit (it runs `autoload -U +X bashcompinit && bashcompinit`)."
    })
public final class CompletionCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Parameters(
      arity = "0..1",
      paramLabel = "SHELL",
      defaultValue = "bash",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  private CompletionScripts.Shell shell;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(CompletionScripts.script(spec.root().commandLine(), shell));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
