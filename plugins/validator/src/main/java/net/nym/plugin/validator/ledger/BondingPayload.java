package net.nym.plugin.validator.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The payload a node's identity key signs to consent to being bonded: Nym's {@code
 * SignableMessage<ContractMessageContent<MixnodeBondingPayload | GatewayBondingPayload>>} as
 * {@code construct_mixnode_bonding_sign_payload} / {@code construct_gateway_bonding_sign_payload}
 * build it ({@code common/cosmwasm-smart-contracts/mixnet-contract/src/signing_types.rs}, {@code
 * contracts-common/src/signing/mod.rs} at Nym commit b4046a89), serialised as serde does, fields
 * in declaration order:
 *
 * <pre>{@code
 * {"nonce":N,"algorithm":"ed25519","message_type":"mixnode-bonding",
 *  "content":{"sender":OWNER,"funds":[{"denom":"unym","amount":"PLEDGE"}],
 *   "data":{"mix_node":{"host","mix_port","verloc_port","http_api_port","sphinx_key",
 *                       "identity_key","version"},
 *           "cost_params":{"profit_margin_percent":"0.1",
 *                          "interval_operating_cost":{"denom":"unym","amount":"..."}}}}}
 * }</pre>
 *
 * <p>For a gateway, {@code message_type} is {@code gateway-bonding} and {@code data} is {@code
 * {"gateway":{"host","mix_port","clients_port","location","sphinx_key","identity_key",
 * "version"}}}. {@code OWNER} is the owner account (base58 public key here, a bech32 address in
 * Nym) and {@code N} the owner's nonce of the bond transaction. These are the bytes {@code nym
 * mixnode sign --contract-msg} signs once base58-decoded.
 */
public final class BondingPayload {
  private static final ObjectMapper JSON = new ObjectMapper();

  private BondingPayload() {}

  /** The JSON bytes for {@code bond} by {@code owner} at {@code nonce}. */
  public static byte[] bytes(Tx.Bond bond, String owner, long nonce, String denom) {
    ObjectNode root = JSON.createObjectNode();
    root.put("nonce", nonce);
    root.put("algorithm", "ed25519");
    boolean mix = NodeKind.MIXNODE.equals(bond.kind());
    root.put("message_type", mix ? "mixnode-bonding" : "gateway-bonding");
    ObjectNode content = root.putObject("content");
    content.put("sender", owner);
    ObjectNode coin = content.putArray("funds").addObject();
    coin.put("denom", denom);
    coin.put("amount", Long.toString(bond.pledge()));
    ObjectNode data = content.putObject("data");
    if (mix) {
      ObjectNode node = data.putObject("mix_node");
      node.put("host", bond.host());
      node.put("mix_port", bond.mixPort());
      node.put("verloc_port", bond.verlocPort());
      node.put("http_api_port", bond.httpApiPort());
      node.put("sphinx_key", bond.sphinxKey());
      node.put("identity_key", bond.identityKey());
      node.put("version", bond.version());
      ObjectNode cost = data.putObject("cost_params");
      cost.put("profit_margin_percent", bond.profitMarginPercent());
      ObjectNode op = cost.putObject("interval_operating_cost");
      op.put("denom", denom);
      op.put("amount", Long.toString(bond.intervalOperatingCost()));
    } else {
      ObjectNode node = data.putObject("gateway");
      node.put("host", bond.host());
      node.put("mix_port", bond.mixPort());
      node.put("clients_port", bond.clientsPort());
      node.put("location", bond.location());
      node.put("sphinx_key", bond.sphinxKey());
      node.put("identity_key", bond.identityKey());
      node.put("version", bond.version());
    }
    try {
      return JSON.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode the bonding payload", e);
    }
  }
}
