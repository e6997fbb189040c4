package net.nym.plugin.validator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import net.nym.crypto.keys.Ed25519PublicKey;
import net.nym.mixnet.topology.SignedResponse;
import net.nym.mixnet.topology.TopologyRejectedException;
import net.nym.mixnet.topology.TopologyVerifier;
import net.nym.plugin.validator.api.ValidatorApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nym topology}: fetches the rewarded set, the active mixnodes and the gateways from every
 * given validator, accepts each only if at least t of the n validators signed the same bytes, and
 * prints the layers, the gateways and the epoch.
 */
@Command(name = "topology", mixinStandardHelpOptions = true,
    description = "Print the current topology (layers, gateways, epoch), checked against the"
        + " validators' signatures.")
final class TopologyCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private ClientOptions client;

  @Option(names = "--validator-key", paramLabel = "BASE58", split = ",",
      description = "The validators' identity keys to trust (default: the genesis validators"
          + " the first validator reports).")
  private List<String> keys;

  @Option(names = "--threshold", paramLabel = "T",
      description = "Signatures needed (default: ceil(2n/3) of the n validator keys).")
  private Integer threshold;

  @Override
  public Integer call() throws Exception {
    ValidatorClient c = client.client();
    List<Ed25519PublicKey> trusted = new ArrayList<>();
    if (keys != null && !keys.isEmpty()) {
      for (String k : keys) {
        trusted.add(Ed25519PublicKey.fromBase58(k.strip()));
      }
    } else {
      ValidatorClient.Answer chain = c.get("v1/chain");
      for (JsonNode k : chain.json().path("validators")) {
        trusted.add(Ed25519PublicKey.fromBase58(k.asText()));
      }
    }
    if (trusted.isEmpty()) {
      throw new IllegalStateException("no validator keys to check the topology against");
    }
    TopologyVerifier verifier = threshold == null
        ? TopologyVerifier.withDefaultThreshold(trusted)
        : new TopologyVerifier(trusted, threshold);
    Map<String, JsonNode> views = new LinkedHashMap<>();
    for (String path : List.of(ValidatorApi.TOPOLOGY_PATHS.get(0),
        ValidatorApi.TOPOLOGY_PATHS.get(1), ValidatorApi.TOPOLOGY_PATHS.get(2))) {
      views.put(path, verified(c, verifier, path));
    }
    JsonNode set = views.get(ValidatorApi.TOPOLOGY_PATHS.get(0));
    Map<Long, JsonNode> nodes = new LinkedHashMap<>();
    for (String path : List.of(ValidatorApi.TOPOLOGY_PATHS.get(1),
        ValidatorApi.TOPOLOGY_PATHS.get(2))) {
      for (JsonNode n : views.get(path).path("nodes").path("data")) {
        nodes.put(n.path("node_id").asLong(), n);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (client.format == ClientOptions.OutputFormat.json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("epoch_id", set.path("epoch_id").asLong());
      m.put("metadata", views.get(ValidatorApi.TOPOLOGY_PATHS.get(1)).path("metadata"));
      m.put("rewarded_set", set);
      m.put("nodes", new ArrayList<>(nodes.values()));
      out.println(ClientJson.PRETTY.writeValueAsString(m));
    } else {
      JsonNode meta = views.get(ValidatorApi.TOPOLOGY_PATHS.get(1)).path("metadata");
      out.println("Epoch " + set.path("epoch_id").asLong() + " (started "
          + meta.path("refreshed_at").asText() + ", key rotation "
          + meta.path("rotation_id").asLong() + "), signed by at least "
          + verifier.threshold() + " of " + trusted.size() + " validators");
      for (String layer : List.of("layer1", "layer2", "layer3")) {
        out.println("Layer " + layer.substring(5) + ":");
        print(out, set.path(layer), nodes);
      }
      out.println("Entry gateways:");
      print(out, set.path("entry_gateways"), nodes);
      out.println("Exit gateways:");
      print(out, set.path("exit_gateways"), nodes);
    }
    out.flush();
    return 0;
  }

  private static JsonNode verified(ValidatorClient c, TopologyVerifier verifier, String path)
      throws IOException, TopologyRejectedException {
    List<SignedResponse> signed = new ArrayList<>();
    for (ValidatorClient.Answer a : c.getAll(path)) {
      if (a.status() == 200) {
        signed.add(ValidatorClient.signed(a, path));
      }
    }
    if (signed.isEmpty()) {
      throw new IOException("no validator answered " + path);
    }
    return ClientJson.JSON.readTree(verifier.verify(signed).body());
  }

  private static void print(PrintWriter out, JsonNode ids, Map<Long, JsonNode> nodes) {
    if (ids.isEmpty()) {
      out.println("  (none)");
    }
    for (JsonNode id : ids) {
      JsonNode n = nodes.get(id.asLong());
      if (n == null) {
        out.println("  " + id.asLong() + "  (no details)");
      } else {
        out.println("  " + id.asLong() + "  " + n.path("ed25519_identity_pubkey").asText() + "  "
            + n.path("ip_addresses").path(0).asText() + ":" + n.path("mix_port").asInt());
      }
    }
  }
}
