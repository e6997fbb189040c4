package net.nym.plugin.validator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import net.nym.crypto.keys.Ed25519PublicKey;
import net.nym.plugin.validator.ledger.Genesis;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nym validator genesis}: writes a genesis file for a cluster, listing every validator's
 * identity key (printed by {@code nym validator init}); each validator is then initialised (or
 * re-initialised with {@code --force}) with {@code --genesis FILE}.
 */
@Command(name = "genesis", mixinStandardHelpOptions = true,
    description = "Write a genesis file for a cluster of validators.")
final class GenesisCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private GenesisOptions options;

  @Option(names = "--validator-key", required = true, split = ",", paramLabel = "BASE58",
      description = "Every validator's identity key (repeatable or comma-separated).")
  private List<String> keys;

  @Option(names = "--reward-pool", paramLabel = "AMOUNT", defaultValue = "250000000nym",
      description = "Set aside for epoch rewards (default: ${DEFAULT-VALUE}).")
  private String rewardPool;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write"
      + " it (refused if it exists).")
  private Path out;

  @Override
  public Integer call() throws Exception {
    if (options.chainId == null) {
      throw new IllegalArgumentException("--chain-id is required for a cluster genesis");
    }
    List<String> validators = new ArrayList<>();
    for (String k : keys) {
      validators.add(Ed25519PublicKey.fromBase58(k.strip()).toBase58());
    }
    if (Files.exists(out)) {
      throw new IllegalStateException(out + " already exists");
    }
    Genesis g = new Genesis(options.chainId, System.currentTimeMillis(), options.params(),
        options.parsedAllocations(), validators,
        ClientOptions.amount("--reward-pool", rewardPool));
    GenesisFile.write(out.toAbsolutePath(), g);
    spec.commandLine().getOut().println("Wrote genesis of chain '" + g.chainId() + "' with "
        + validators.size() + " validators to " + out);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
