package net.nym.plugin.validator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.function.LongFunction;
import net.nym.plugin.validator.ledger.Tx;

/** Submitting a transaction from the CLI: fetch the chain and nonce, sign, post, report. */
final class Submit {
  private Submit() {}

  /** The chain id the validators run. */
  static String chainId(ValidatorClient client) throws IOException {
    ValidatorClient.Answer a = client.get("v1/chain");
    if (a.status() != 200) {
      throw new IOException("validator " + a.base() + " did not give its chain: "
          + ValidatorClient.message(a));
    }
    return a.json().path("chain_id").asText();
  }

  /** The next nonce of {@code address}. */
  static long nonce(ValidatorClient client, String address) throws IOException {
    ValidatorClient.Answer a = client.get("v1/accounts/" + address);
    if (a.status() != 200) {
      throw new IOException("cannot read account " + address + ": " + ValidatorClient.message(a));
    }
    return a.json().path("nonce").asLong();
  }

  /**
   * Builds the transaction for the sender's next nonce, submits it and prints the outcome.
   *
   * @return 0 if accepted, 1 if refused
   */
  static int run(ValidatorClient client, String sender, LongFunction<Tx> build, PrintWriter out,
      PrintWriter err, ClientOptions.OutputFormat format, String what) throws IOException {
    Tx tx = build.apply(nonce(client, sender));
    ValidatorClient.Answer a = client.submit(tx);
    JsonNode j;
    try {
      j = a.json();
    } catch (IOException e) {
      throw new IOException("validator " + a.base() + " answered HTTP " + a.status()
          + " with a body that is not JSON");
    }
    if (a.status() == 503) {
      throw new IOException("validator " + a.base() + " could not commit the transaction: "
          + ValidatorClient.message(a));
    }
    boolean accepted = a.status() == 200 && j.path("accepted").asBoolean();
    if (format == ClientOptions.OutputFormat.json) {
      out.println(ClientJson.PRETTY.writeValueAsString(j));
    } else if (accepted) {
      out.println(what + ": accepted (tx " + j.path("tx_id").asText() + ")"
          + (j.hasNonNull("node_id") ? ", node id " + j.get("node_id").asLong() : ""));
    } else {
      err.println(what + ": refused: " + ValidatorClient.message(a));
    }
    out.flush();
    err.flush();
    return accepted ? 0 : 1;
  }
}
