package net.nym.plugin.validator;

import java.util.ArrayList;
import java.util.List;
import net.nym.crypto.keys.Ed25519PublicKey;
import net.nym.plugin.validator.ledger.Genesis;
import picocli.CommandLine.Option;

/** Options that shape a generated genesis. */
final class GenesisOptions {
  @Option(names = "--chain-id", paramLabel = "ID", description = "The chain id (default:"
      + " nym-local-<id>).")
  String chainId;

  @Option(names = "--epoch-secs", paramLabel = "SECONDS", defaultValue = "3600",
      description = "Epoch length in seconds (default: ${DEFAULT-VALUE}).")
  long epochSecs;

  @Option(names = "--allocate", paramLabel = "ADDRESS=AMOUNT",
      description = "A genesis balance (repeatable), e.g. 7Xy...=1000nym.")
  List<String> allocations = new ArrayList<>();

  List<Genesis.Allocation> parsedAllocations() {
    List<Genesis.Allocation> out = new ArrayList<>();
    for (String a : allocations) {
      int eq = a.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--allocate: '" + a + "' is not ADDRESS=AMOUNT");
      }
      String address = a.substring(0, eq).strip();
      try {
        Ed25519PublicKey.fromBase58(address);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--allocate: '" + address
            + "' is not an account address (" + e.getMessage() + ")");
      }
      out.add(new Genesis.Allocation(address, ClientOptions.amount("--allocate",
          a.substring(eq + 1))));
    }
    return out;
  }

  Genesis.Params params() {
    if (epochSecs < 1) {
      throw new IllegalArgumentException("--epoch-secs: must be at least 1, got " + epochSecs);
    }
    return Genesis.Params.defaults().withEpochLengthSecs(epochSecs);
  }
}
