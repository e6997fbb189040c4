package net.nym.plugin.validator.api;

import static net.nym.plugin.validator.ledger.TestChain.CHAIN;
import static net.nym.plugin.validator.ledger.TestChain.NYM;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import net.nym.plugin.validator.ledger.Epoch;
import net.nym.plugin.validator.ledger.Ledger;
import net.nym.plugin.validator.ledger.NodeKind;
import net.nym.plugin.validator.ledger.TestChain;
import net.nym.plugin.validator.ledger.TestChain.NodeKeys;
import net.nym.plugin.validator.ledger.Tx;
import org.junit.jupiter.api.Test;

class TopologyJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final TestChain chain = new TestChain(12, 60);
  private final Ledger ledger = new Ledger(chain.genesis);

  TopologyJsonTest() {
    for (int i = 0; i < 12; i++) {
      String kind = i < 9 ? NodeKind.MIXNODE : NodeKind.GATEWAY;
      assertThat(ledger.apply(chain.bondTx(i, 0, NodeKeys.generate(), kind, (100 + i) * NYM,
          2000 + i)).accepted()).isTrue();
    }
    assertThat(ledger.apply(Tx.advanceEpoch(CHAIN, chain.validator, 1,
        chain.genesis.genesisTimeMillis() + 60_000)).accepted()).isTrue();
  }

  private static JsonNode fixture(String name) throws IOException {
    try (InputStream in = TopologyJsonTest.class.getResourceAsStream("/nym-shapes/" + name)) {
      return JSON.readTree(in);
    }
  }

  /** Differences between {@code actual}'s shape and {@code expected}'s (empty when they match). */
  static List<String> shapeDiff(String at, JsonNode expected, JsonNode actual) {
    List<String> diffs = new ArrayList<>();
    if (expected.isObject()) {
      if (!actual.isObject()) {
        diffs.add(at + ": expected an object, got " + actual.getNodeType());
        return diffs;
      }
      List<String> want = new ArrayList<>();
      expected.fieldNames().forEachRemaining(want::add);
      List<String> got = new ArrayList<>();
      actual.fieldNames().forEachRemaining(got::add);
      if (!new java.util.TreeSet<>(want).equals(new java.util.TreeSet<>(got))) {
        diffs.add(at + ": keys " + got + ", expected " + want);
        return diffs;
      }
      for (String k : want) {
        diffs.addAll(shapeDiff(at + "." + k, expected.get(k), actual.get(k)));
      }
    } else if (expected.isArray()) {
      if (!actual.isArray()) {
        diffs.add(at + ": expected an array, got " + actual.getNodeType());
        return diffs;
      }
      for (int i = 0; i < actual.size(); i++) {
        boolean any = expected.isEmpty();
        List<String> last = List.of();
        for (Iterator<JsonNode> it = expected.elements(); it.hasNext() && !any; ) {
          last = shapeDiff(at + "[" + i + "]", it.next(), actual.get(i));
          any = last.isEmpty();
        }
        if (!any) {
          diffs.addAll(last);
        }
      }
    } else if (expected.isNull()) {
      if (!actual.isNull() && !actual.isObject()) {
        diffs.add(at + ": expected null or an object, got " + actual.getNodeType());
      }
    } else if (expected.getNodeType() != actual.getNodeType()) {
      diffs.add(at + ": expected " + expected.getNodeType() + ", got " + actual.getNodeType());
    }
    return diffs;
  }

  @Test
  void rewardedSetHasNymsShape() throws Exception {
    JsonNode ours = JSON.readTree(TopologyViews.rewardedSet(ledger.epoch()));
    assertThat(shapeDiff("$", fixture("rewarded-set.json"), ours)).isEmpty();
    assertThat(ours.path("epoch_id").asLong()).isEqualTo(1);
    assertThat(ours.path("layer1")).hasSize(2);
  }

  @Test
  void skimmedNodesHaveNymsShapeAndConsistentMetadata() throws Exception {
    Epoch e = ledger.epoch();
    JsonNode fixture = fixture("skimmed-nodes.json");
    JsonNode mix = JSON.readTree(TopologyViews.activeMixnodes(chain.genesis.params(), e));
    JsonNode gw = JSON.readTree(TopologyViews.entryGateways(chain.genesis.params(), e));
    JsonNode all = JSON.readTree(TopologyViews.allNodes(chain.genesis.params(), e));
    for (JsonNode page : List.of(mix, gw, all)) {
      assertThat(shapeDiff("$", fixture, page)).isEmpty();
      JsonNode p = page.path("nodes").path("pagination");
      int n = page.path("nodes").path("data").size();
      // The client stops paging when total == data.len().
      assertThat(p.path("total").asInt()).isEqualTo(n);
      assertThat(p.path("size").asInt()).isEqualTo(n);
      assertThat(p.path("page").asInt()).isZero();
      // consistency_check: equal status, absolute_epoch_id, rotation_id across the calls.
      assertThat(page.path("metadata")).isEqualTo(mix.path("metadata"));
      OffsetDateTime.parse(page.path("metadata").path("refreshed_at").asText());
    }
    assertThat(mix.path("nodes").path("data")).hasSize(6);
    for (JsonNode node : mix.path("nodes").path("data")) {
      assertThat(node.path("role").path("Mixnode").path("layer").asInt()).isBetween(1, 3);
      assertThat(node.path("entry").isNull()).isTrue();
      // floor(100 * performance) >= 50 passes the client's filter.
      assertThat(Double.parseDouble(node.path("performance").asText())).isEqualTo(1.0);
    }
    assertThat(gw.path("nodes").path("data")).hasSize(3);
    List<String> roles = new ArrayList<>();
    gw.path("nodes").path("data").forEach(n -> roles.add(n.path("role").asText()));
    assertThat(roles).contains("EntryGateway", "ExitGateway");
    assertThat(all.path("nodes").path("data")).hasSize(12);
  }

  @Test
  void keyRotationInfoHasNymsShape() throws Exception {
    JsonNode ours = JSON.readTree(TopologyViews.keyRotationInfo(chain.genesis.params(),
        ledger.epoch()));
    assertThat(shapeDiff("$", fixture("key-rotation-info.json"), ours)).isEmpty();
    assertThat(ours.path("epoch_duration").path("secs").asLong()).isEqualTo(60);
    assertThat(ours.path("progress").path("current_rotation_ending_epoch").asLong())
        .isEqualTo(23);
    OffsetDateTime.parse(ours.path("current_epoch_start").asText());
  }

  @Test
  void theShapeCheckCatchesAMissingOrRetypedField() throws Exception {
    JsonNode fixture = fixture("rewarded-set.json");
    assertThat(shapeDiff("$", fixture, JSON.readTree("{\"epoch_id\":1}"))).isNotEmpty();
    assertThat(shapeDiff("$", fixture, JSON.readTree("{\"epoch_id\":\"1\",\"entry_gateways\":[],"
        + "\"exit_gateways\":[],\"layer1\":[],\"layer2\":[],\"layer3\":[],\"standby\":[]}")))
        .isNotEmpty();
  }

  @Test
  void viewsAreIdenticalBytesForTheSameEpoch() {
    Ledger other = new Ledger(ledger.data());
    assertThat(TopologyViews.allNodes(chain.genesis.params(), other.epoch()))
        .isEqualTo(TopologyViews.allNodes(chain.genesis.params(), ledger.epoch()));
  }
}
