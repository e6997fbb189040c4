package net.nym.plugin.mixnode;

import picocli.CommandLine.Command;

/** {@code nym mixnode}: only groups the subcommands; alone it is a usage error listing them. */
@Command(
    name = "mixnode",
    mixinStandardHelpOptions = true,
    description = {
      "Run a Nym mixnode: receive Sphinx packets, strip one layer, delay and forward them.",
      "Start with `nym mixnode init --id ID --host IP`, then `nym mixnode run --id ID`."
    })
final class MixnodeCommand {}
