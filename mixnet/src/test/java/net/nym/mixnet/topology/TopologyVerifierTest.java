package net.nym.mixnet.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import net.nym.crypto.keys.Ed25519KeyPair;
import net.nym.crypto.keys.Ed25519PublicKey;
import org.junit.jupiter.api.Test;

class TopologyVerifierTest {
  private static final String PATH = "/v1/nym-nodes/rewarded-set";
  private final List<Ed25519KeyPair> keys = new ArrayList<>();
  private final List<Ed25519PublicKey> pubs = new ArrayList<>();

  TopologyVerifierTest() {
    SecureRandom r = new SecureRandom();
    for (int i = 0; i < 4; i++) {
      keys.add(Ed25519KeyPair.generate(r));
      pubs.add(keys.get(i).publicKey());
    }
  }

  private SignedResponse signed(int i, long epoch, String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    return new SignedResponse(keys.get(i).publicKey().toBase58(), PATH, epoch, b,
        TopologySignature.sign(keys.get(i), PATH, epoch, b));
  }

  @Test
  void defaultThresholdIsTwoThirdsRoundedUp() {
    assertThat(TopologyVerifier.defaultThreshold(1)).isEqualTo(1);
    assertThat(TopologyVerifier.defaultThreshold(3)).isEqualTo(2);
    assertThat(TopologyVerifier.defaultThreshold(4)).isEqualTo(3);
    assertThat(TopologyVerifier.defaultThreshold(7)).isEqualTo(5);
  }

  @Test
  void acceptsWhenEnoughSignTheSameBody() throws Exception {
    TopologyVerifier v = TopologyVerifier.withDefaultThreshold(pubs);
    TopologyVerifier.Verified ok = v.verify(List.of(signed(0, 5, "{\"a\":1}"),
        signed(1, 5, "{\"a\":1}"), signed(2, 5, "{\"a\":1}"), signed(3, 5, "{\"a\":2}")));
    assertThat(new String(ok.body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    assertThat(ok.signers()).hasSize(3);
    assertThat(ok.epoch()).isEqualTo(5);
  }

  @Test
  void refusesTooFewSigners() {
    TopologyVerifier v = TopologyVerifier.withDefaultThreshold(pubs);
    assertThatThrownBy(() -> v.verify(List.of(signed(0, 5, "x"), signed(1, 5, "x"),
        signed(2, 5, "y"))))
        .isInstanceOf(TopologyRejectedException.class)
        .hasMessageContaining("only 2 of 4 validators")
        .hasMessageContaining("at least 3 needed");
  }

  @Test
  void differentEpochsDoNotAddUp() {
    TopologyVerifier v = new TopologyVerifier(pubs, 2);
    assertThatThrownBy(() -> v.verify(List.of(signed(0, 5, "x"), signed(1, 6, "x"))))
        .isInstanceOf(TopologyRejectedException.class);
  }

  @Test
  void forgedDuplicatedAndUnknownSignaturesDoNotCount() {
    TopologyVerifier v = new TopologyVerifier(pubs.subList(0, 3), 2);
    SignedResponse good = signed(0, 5, "x");
    SignedResponse forged = new SignedResponse(pubs.get(1).toBase58(), PATH, 5,
        "x".getBytes(StandardCharsets.UTF_8), good.signature());
    SignedResponse tampered = new SignedResponse(pubs.get(2).toBase58(), PATH, 5,
        "x".getBytes(StandardCharsets.UTF_8), signed(2, 5, "z").signature());
    SignedResponse stranger = signed(3, 5, "x");
    assertThatThrownBy(() -> v.verify(List.of(good, good, forged, tampered, stranger)))
        .isInstanceOf(TopologyRejectedException.class)
        .hasMessageContaining("only 1 of 3");
  }

  @Test
  void refusesAThresholdAboveN() {
    assertThatThrownBy(() -> new TopologyVerifier(pubs, 5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
