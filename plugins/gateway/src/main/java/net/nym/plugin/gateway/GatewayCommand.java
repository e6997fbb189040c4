package net.nym.plugin.gateway;

import picocli.CommandLine.Command;

/** {@code nym gateway}: only groups the subcommands; alone it is a usage error listing them. */
@Command(
    name = "gateway",
    mixinStandardHelpOptions = true,
    description = {
      "Run a Nym gateway: client websocket sessions, their mailbox, and the edge of the mixnet.",
      "Start with `nym gateway init --id ID --host IP`, then `nym gateway run --id ID`."
    })
final class GatewayCommand {}
