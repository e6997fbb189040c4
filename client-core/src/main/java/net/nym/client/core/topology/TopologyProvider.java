package net.nym.client.core.topology;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.nym.crypto.keys.Ed25519PublicKey;
import net.nym.mixnet.topology.SignedResponse;
import net.nym.mixnet.topology.TopologyRejectedException;
import net.nym.mixnet.topology.TopologySignature;
import net.nym.mixnet.topology.TopologyVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the topology from the validators' Nym-shaped API. Each of the three paths is asked of
 * every validator URL; a body counts only when validators sign it: with known validator keys, at
 * least t of n of them ({@link TopologyVerifier}); without, every answering validator's signature
 * must verify and the answers must agree. Blocking; call it off event loops.
 */
public final class TopologyProvider {
  /** Nym's refresh interval. */
  public static final Duration REFRESH = Duration.ofMinutes(5);
  static final String REWARDED_SET = "/v1/nym-nodes/rewarded-set";
  static final String MIXNODES = "/v2/unstable/nym-nodes/skimmed/mixnodes/active";
  static final String GATEWAYS = "/v2/unstable/nym-nodes/skimmed/entry-gateways";
  private static final Logger LOG = LoggerFactory.getLogger(TopologyProvider.class);

  private final List<URI> validators;
  private final Collection<Ed25519PublicKey> trusted;
  private final HttpClient http;

  /**
   * A provider asking these validator base URLs; {@code trusted} may be empty (then all answers
   * must agree and be validly signed by their senders).
   */
  public TopologyProvider(List<URI> validators, Collection<Ed25519PublicKey> trusted) {
    if (validators.isEmpty()) {
      throw new IllegalArgumentException("no validator URL given");
    }
    this.validators = List.copyOf(validators);
    this.trusted = List.copyOf(trusted);
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /**
   * The current topology.
   *
   * @throws IOException if no validator answered or the answers are not signed as required
   */
  public Topology fetch() throws IOException {
    byte[] set = verified(REWARDED_SET);
    byte[] mix = verified(MIXNODES);
    byte[] gws = verified(GATEWAYS);
    return TopologyParser.parse(set, mix, gws);
  }

  private byte[] verified(String path) throws IOException {
    List<SignedResponse> answers = new ArrayList<>();
    IOException last = null;
    for (URI base : validators) {
      try {
        HttpRequest req = HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(5)).GET().build();
        HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
          throw new IOException(base + path + " answered " + r.statusCode());
        }
        answers.add(new SignedResponse(
            r.headers().firstValue(TopologySignature.VALIDATOR).orElse(null), path,
            Long.parseLong(r.headers().firstValue(TopologySignature.EPOCH).orElse("-1")),
            r.body(), r.headers().firstValue(TopologySignature.SIGNATURE).orElse(null)));
      } catch (IOException e) {
        last = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while fetching the topology", e);
      } catch (RuntimeException e) {
        last = new IOException(base + path + ": " + e.getMessage(), e);
      }
    }
    if (answers.isEmpty()) {
      throw new IOException("no validator answered " + path
          + (last == null ? "" : ": " + last.getMessage()), last);
    }
    Collection<Ed25519PublicKey> keys = trusted;
    int threshold;
    if (keys.isEmpty()) {
      Set<Ed25519PublicKey> seen = new LinkedHashSet<>();
      for (SignedResponse a : answers) {
        if (a.validator() != null) {
          seen.add(Ed25519PublicKey.fromBase58(a.validator()));
        }
      }
      keys = seen;
      threshold = seen.size();
    } else {
      threshold = TopologyVerifier.defaultThreshold(keys.size());
    }
    if (keys.isEmpty()) {
      throw new IOException(path + ": no answer carried a validator signature");
    }
    try {
      return new TopologyVerifier(keys, threshold).verify(answers).body();
    } catch (TopologyRejectedException e) {
      LOG.warn("refused the topology at {}: {}", path, e.getMessage());
      throw new IOException(path + ": " + e.getMessage(), e);
    }
  }
}
