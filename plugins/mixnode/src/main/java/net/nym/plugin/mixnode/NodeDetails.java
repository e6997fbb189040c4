package net.nym.plugin.mixnode;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.List;
import net.nym.api.PluginContext;
import net.nym.api.config.ConfigException;
import net.nym.api.home.NodeHome;
import net.nym.api.keys.KeyStoreException;
import net.nym.mixnet.cli.OutputFormat;

/**
 * What {@code init} and {@code node-details} print, as text or JSON (snake_case).
 *
 * @param id the instance id
 * @param identityKey the Ed25519 identity key, base58
 * @param sphinxKey the X25519 Sphinx key, base58
 * @param host the announced IP address
 * @param mixPort the mix port
 * @param mixAddress {@code host:port} as other nodes reach it
 * @param httpApiPort the HTTP API port
 * @param validators the validator endpoints
 * @param version the nym version
 * @param home the node home
 * @param description the node's description
 */
record NodeDetails(
    String id,
    @JsonProperty("identity_key") String identityKey,
    @JsonProperty("sphinx_key") String sphinxKey,
    String host,
    @JsonProperty("mix_port") int mixPort,
    @JsonProperty("mix_address") String mixAddress,
    @JsonProperty("http_api_port") int httpApiPort,
    List<String> validators,
    String version,
    String home,
    MixnodeConfig.Description description) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Reads the details of an initialised home. */
  static NodeDetails load(PluginContext context, NodeHome home)
      throws ConfigException, KeyStoreException {
    if (!home.exists()) {
      throw new IllegalArgumentException(
          "mixnode '" + home.id() + "' is not initialised (no " + home.configFile() + ")");
    }
    MixnodeConfig config = context.configs().read(home.configFile(), MixnodeConfig.SCHEMA).value();
    return of(context, home, config);
  }

  static NodeDetails of(PluginContext context, NodeHome home, MixnodeConfig config)
      throws KeyStoreException {
    String identity = context.keys().loadEd25519(home, MixnodeKeys.IDENTITY).publicKey().toBase58();
    String sphinx = context.keys().loadX25519(home, MixnodeKeys.SPHINX).publicKey().toBase58();
    String host = config.mixnet().announceHost();
    String address = (host.contains(":") ? "[" + host + "]" : host) + ":" + config.mixnet().port();
    return new NodeDetails(
        config.id(),
        identity,
        sphinx,
        host,
        config.mixnet().port(),
        address,
        config.http().port(),
        config.validators(),
        context.hostVersion(),
        home.dir().toString(),
        config.description());
  }

  void print(PrintWriter out, OutputFormat format) throws JsonProcessingException {
    if (format == OutputFormat.json) {
      out.println(JSON.writeValueAsString(this));
    } else {
      out.println("Mixnode '" + id + "' (" + home + ")");
      out.println("Identity key:  " + identityKey);
      out.println("Sphinx key:    " + sphinxKey);
      out.println("Mix address:   " + mixAddress);
      out.println("HTTP API port: " + httpApiPort);
      out.println(
          "Validators:    " + (validators.isEmpty() ? "(none)" : String.join(", ", validators)));
      out.println("Version:       " + version);
    }
    out.flush();
  }
}
