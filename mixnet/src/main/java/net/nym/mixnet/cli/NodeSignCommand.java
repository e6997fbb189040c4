package net.nym.mixnet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import net.nym.api.PluginContext;
import net.nym.api.home.NodeHome;
import net.nym.crypto.encoding.Base58;
import net.nym.crypto.keys.Ed25519KeyPair;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nym <kind> sign}: signs with the node's identity key, as {@code nym-node sign} does:
 * {@code --text} signs the UTF-8 text; {@code --contract-msg} takes the base58 payload the bonding
 * wallet shows, checks that it decodes to JSON, and signs the decoded bytes. The signature is
 * printed in base58 ({@code encoded_message}, {@code encoded_signature}).
 *
 * <p>One instance per node plugin: {@code new NodeSignCommand(context, "mixnode", "identity")}.
 */
@Command(
    name = "sign",
    mixinStandardHelpOptions = true,
    description = "Sign a text or a bonding (contract) message with the node's identity key.")
public final class NodeSignCommand implements Callable<Integer> {
  private final PluginContext context;
  private final String kind;
  private final String identityKey;

  @Spec private CommandSpec spec;

  @Option(names = "--id", required = true, paramLabel = "ID", description = "The node's id.")
  private String id;

  @ArgGroup(exclusive = true, multiplicity = "1")
  private Message message;

  /** Exactly one of the two. */
  static final class Message {
    @Option(names = "--text", paramLabel = "TEXT", description = "Any text to sign.")
    String text;

    @Option(
        names = "--contract-msg",
        paramLabel = "BASE58",
        description = "The base58 message from the bonding wallet.")
    String contractMsg;
  }

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  private OutputFormat format;

  /**
   * @param context the node plugin's host services
   * @param kind the node kind, which is also its node-home directory ({@code mixnode})
   * @param identityKey the key-store name of the node's Ed25519 identity key
   */
  public NodeSignCommand(PluginContext context, String kind, String identityKey) {
    this.context = context;
    this.kind = kind;
    this.identityKey = identityKey;
  }

  @Override
  public Integer call() throws Exception {
    NodeHome home = context.homes().home(kind, id);
    if (!home.exists()) {
      throw new IllegalArgumentException(
          kind + " '" + id + "' is not initialised (no " + home.configFile() + ")");
    }
    Ed25519KeyPair identity = context.keys().loadEd25519(home, identityKey);
    String shown;
    byte[] signed;
    if (message.text != null) {
      shown = message.text;
      signed = message.text.getBytes(StandardCharsets.UTF_8);
    } else {
      signed = decodeContractMessage(message.contractMsg.strip());
      shown = new String(signed, StandardCharsets.UTF_8);
    }
    String signature = Base58.encode(identity.sign(signed));
    PrintWriter out = spec.commandLine().getOut();
    if (format == OutputFormat.json) {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("encoded_message", shown);
      m.put("encoded_signature", signature);
      out.println(new ObjectMapper().writeValueAsString(m));
    } else {
      out.println("Message:   " + shown);
      out.println("Signature: " + signature);
    }
    out.flush();
    return 0;
  }

  private static byte[] decodeContractMessage(String text) {
    byte[] decoded;
    try {
      decoded = Base58.decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--contract-msg is not base58 (" + e.getMessage() + "); copy the whole message");
    }
    try {
      if (decoded.length == 0 || new ObjectMapper().readTree(decoded).isMissingNode()) {
        throw new IOException("empty");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "--contract-msg does not decode to JSON; make sure no characters were left out");
    }
    return decoded;
  }
}
