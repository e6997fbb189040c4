package net.nym.plugin.validator;

import picocli.CommandLine.Command;

/** {@code nym validator}: only groups the subcommands; alone it is a usage error listing them. */
@Command(
    name = "validator",
    mixinStandardHelpOptions = true,
    description = {
      "Run a validator: a replica of the nym ledger (accounts, bonds, epochs) and its topology"
          + " API.",
      "Start with `nym validator init --id ID`, then `nym validator run --id ID`."
    })
final class ValidatorCommand {}
