package net.nym.cli.completion;

import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * The completion scripts for a command tree.
 *
 * <p>Both are picocli's bash script: it also runs in zsh, where it loads zsh's bash-completion
 * emulation itself ({@code autoload -U +X bashcompinit && bashcompinit}). So a zsh user sources it
 * from {@code ~/.zshrc} rather than putting it on {@code fpath}.
 */
public final class CompletionScripts {

  /** The shells a script can be printed for. */
  public enum Shell {
    bash,
    zsh
  }

  private CompletionScripts() {}

  /** The script for {@code shell} completing {@code root} and everything mounted below it. */
  public static String script(CommandLine root, Shell shell) {
    String bash = AutoComplete.bash(root.getCommandName(), root);
    if (shell == Shell.bash) {
      return bash;
    }
    return "# zsh completion for "
        + root.getCommandName()
        + ": source this file from ~/.zshrc (it enables bashcompinit itself).\n"
        + bash;
  }
}
