package net.nym.plugin.validator;

import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.nym.plugin.validator.ledger.Canonical;
import net.nym.plugin.validator.ledger.Genesis;

/** Reads and writes {@code data/genesis.json} (snake_case JSON, as the ledger encodes it). */
final class GenesisFile {
  static final String NAME = "genesis.json";
  private static final ObjectWriter PRETTY = Canonical.JSON.writerWithDefaultPrettyPrinter();

  private GenesisFile() {}

  static Path of(net.nym.api.home.NodeHome home) {
    return home.dataDir().resolve(NAME);
  }

  static Genesis read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("genesis file " + file + " does not exist");
    }
    try {
      return Canonical.JSON.readValue(file.toFile(), Genesis.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new IOException("genesis file " + file + " is not a valid genesis: "
          + e.getMessage().lines().findFirst().orElse(""), e);
    }
  }

  static void write(Path file, Genesis genesis) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, PRETTY.writeValueAsBytes(genesis));
  }
}
