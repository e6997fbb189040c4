package net.nym.mixnet.topology;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import net.nym.crypto.keys.Ed25519PublicKey;

/**
 * Accepts a topology only when at least {@code t} of the {@code n} known validators signed the
 * same response (same path, same epoch, byte-identical body). Responses from unknown keys, with
 * bad signatures, or repeated by one validator count once or not at all. Thread-safe and
 * immutable.
 */
public final class TopologyVerifier {
  private final Set<String> validators;
  private final int threshold;

  /**
   * A verifier for {@code validators} needing {@code threshold} signatures.
   *
   * @throws IllegalArgumentException if the threshold is not within 1..n
   */
  public TopologyVerifier(Collection<Ed25519PublicKey> validators, int threshold) {
    this.validators = new LinkedHashSet<>();
    for (Ed25519PublicKey k : validators) {
      this.validators.add(k.toBase58());
    }
    if (threshold < 1 || threshold > this.validators.size()) {
      throw new IllegalArgumentException("threshold " + threshold + " must be within 1.."
          + this.validators.size() + " (the number of validators)");
    }
    this.threshold = threshold;
  }

  /** A verifier with the default threshold, ceil(2n/3). */
  public static TopologyVerifier withDefaultThreshold(Collection<Ed25519PublicKey> validators) {
    return new TopologyVerifier(validators, defaultThreshold(new LinkedHashSet<>(validators)
        .size()));
  }

  /** ceil(2n/3), at least 1. */
  public static int defaultThreshold(int n) {
    return Math.max(1, (2 * n + 2) / 3);
  }

  /** The threshold t. */
  public int threshold() {
    return threshold;
  }

  /**
   * A topology signed by enough validators.
   *
   * @param path the request path
   * @param epoch the epoch
   * @param body the agreed body
   * @param signers the validators (base58 keys) that signed it
   */
  public record Verified(String path, long epoch, byte[] body, List<String> signers) {}

  /**
   * Returns the response that at least t known validators signed.
   *
   * @throws TopologyRejectedException naming how many signed the best-supported response
   */
  public Verified verify(List<SignedResponse> responses) throws TopologyRejectedException {
    Map<Key, List<String>> groups = new HashMap<>();
    Map<Key, SignedResponse> first = new HashMap<>();
    Set<String> counted = new LinkedHashSet<>();
    for (SignedResponse r : responses) {
      if (r == null || r.validator() == null || !validators.contains(r.validator())
          || counted.contains(r.validator())) {
        continue;
      }
      Ed25519PublicKey key = Ed25519PublicKey.fromBase58(r.validator());
      if (r.signature() == null
          || !TopologySignature.verify(key, r.path(), r.epoch(), r.body(), r.signature())) {
        continue;
      }
      counted.add(r.validator());
      Key k = new Key(r.path(), r.epoch(), ByteBuffer.wrap(r.body().clone()));
      groups.computeIfAbsent(k, x -> new ArrayList<>()).add(r.validator());
      first.putIfAbsent(k, r);
    }
    Key best = null;
    for (Map.Entry<Key, List<String>> e : groups.entrySet()) {
      if (best == null || e.getValue().size() > groups.get(best).size()
          || (e.getValue().size() == groups.get(best).size() && e.getKey().epoch > best.epoch)) {
        best = e.getKey();
      }
    }
    int got = best == null ? 0 : groups.get(best).size();
    if (got < threshold) {
      throw new TopologyRejectedException("topology refused: only " + got + " of "
          + validators.size() + " validators signed the same topology (at least " + threshold
          + " needed; " + counted.size() + " valid signatures received)");
    }
    SignedResponse r = first.get(best);
    return new Verified(r.path(), r.epoch(), r.body().clone(), List.copyOf(groups.get(best)));
  }

  private record Key(String path, long epoch, ByteBuffer body) {
    Key {
      Objects.requireNonNull(path, "path");
    }
  }
}
