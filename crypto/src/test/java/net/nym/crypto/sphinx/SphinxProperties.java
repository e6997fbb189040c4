package net.nym.crypto.sphinx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.nym.crypto.packet.PacketSize;
import net.nym.crypto.sphinx.SphinxException.Reason;
import net.nym.crypto.testing.FixedRandom;
import net.nym.crypto.testing.Routes;
import net.nym.crypto.testing.Routes.TestNode;

/** Properties of Sphinx packets and SURBs over random routes, delays, messages and versions. */
class SphinxProperties {
  private static final int MAX_DELAY_NANOS = 10_000_000;

  /** A complete packet scenario. */
  record Scenario(
      int hops,
      int keySeed,
      List<Duration> delays,
      byte[] message,
      PacketSize size,
      SphinxVersion version,
      byte[] destination,
      byte[] randomSeed) {
    List<TestNode> nodes() {
      return Routes.nodes(hops, keySeed);
    }

    SphinxDestination sphinxDestination() {
      return SphinxDestination.of(destination, Arrays.copyOf(randomSeed, 16));
    }

    SphinxPacket packet() {
      return SphinxPacket.builder()
          .route(Routes.route(nodes()))
          .delays(delays)
          .destination(sphinxDestination())
          .version(version)
          .packetSize(size)
          .random(new FixedRandom(randomSeed))
          .build(message);
    }
  }

  @Provide
  Arbitrary<Scenario> scenarios() {
    Arbitrary<Integer> hops = Arbitraries.integers().between(1, 5);
    Arbitrary<PacketSize> sizes = Arbitraries.of(PacketSize.REGULAR, PacketSize.ACK);
    return Combinators.combine(
            hops,
            Arbitraries.integers().between(1, 200),
            sizes,
            Arbitraries.of(SphinxVersion.class),
            Arbitraries.bytes().array(byte[].class).ofSize(32),
            Arbitraries.bytes().array(byte[].class).ofSize(32))
        .flatAs(
            (n, keySeed, size, version, dest, seed) ->
                Combinators.combine(
                        Arbitraries.longs()
                            .between(0, MAX_DELAY_NANOS)
                            .map(Duration::ofNanos)
                            .list()
                            .ofSize(n),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(size.plaintextSize()))
                    .as(
                        (delays, message) ->
                            new Scenario(n, keySeed, delays, message, size, version, dest, seed)));
  }

  @Property(tries = 40)
  void everyHopSeesItsNextAddressAndDelayAndTheLastTheMessage(@ForAll("scenarios") Scenario s)
      throws SphinxException {
    List<TestNode> nodes = s.nodes();
    byte[] current = s.packet().toBytes();
    assertThat(current).hasSize(s.size().size());
    for (int i = 0; i < s.hops() - 1; i++) {
      ProcessedPacket p = new SphinxProcessor(nodes.get(i).keys()).process(current);
      assertThat(p).isInstanceOf(ForwardHop.class);
      ForwardHop f = (ForwardHop) p;
      assertThat(f.nextHop()).isEqualTo(nodes.get(i + 1).node().address());
      assertThat(f.delay()).isEqualTo(s.delays().get(i));
      assertThat(f.version()).isEqualTo(s.version());
      assertThat(f.replayTag()).hasSize(32);
      current = f.nextPacket().toBytes();
      assertThat(current).hasSize(s.size().size());
    }
    ProcessedPacket last = new SphinxProcessor(nodes.get(s.hops() - 1).keys()).process(current);
    assertThat(last).isInstanceOf(FinalHop.class);
    FinalHop fin = (FinalHop) last;
    assertThat(fin.message()).isEqualTo(s.message());
    assertThat(fin.destination()).isEqualTo(s.sphinxDestination());
    assertThat(fin.version()).isEqualTo(s.version());
  }

  @Property(tries = 30)
  void surbRepliesReachTheCreator(@ForAll("scenarios") Scenario s) throws SphinxException {
    List<TestNode> nodes = s.nodes();
    ReplySurb created =
        ReplySurb.create(
            Routes.route(nodes),
            s.delays(),
            s.sphinxDestination(),
            s.version(),
            new FixedRandom(s.randomSeed()));
    ReplySurb received = ReplySurb.fromBytes(created.toBytes());
    assertThat(received).isEqualTo(created);
    assertThat(received.surb().firstHop()).isEqualTo(nodes.get(0).node().address());
    assertThat(received.surb().hasKeySeeds())
        .isEqualTo(s.version() == SphinxVersion.PAYLOAD_KEY_SEEDS);

    byte[] current = received.surb().use(s.message(), s.size().payloadSize()).toBytes();
    for (int i = 0; i < s.hops() - 1; i++) {
      ForwardHop f = (ForwardHop) new SphinxProcessor(nodes.get(i).keys()).process(current);
      assertThat(f.nextHop()).isEqualTo(nodes.get(i + 1).node().address());
      assertThat(f.delay()).isEqualTo(s.delays().get(i));
      current = f.nextPacket().toBytes();
    }
    FinalHop fin = (FinalHop) new SphinxProcessor(nodes.get(s.hops() - 1).keys()).process(current);
    assertThat(fin.message()).isEqualTo(s.message());
    assertThat(fin.destination()).isEqualTo(s.sphinxDestination());
  }

  @Property(tries = 60)
  void flippingAnyHeaderBitIsDetected(
      @ForAll("scenarios") Scenario s,
      @ForAll @IntRange(min = 0, max = SphinxHeader.LENGTH * 8 - 1) int bit)
      throws SphinxException {
    byte[] packet = s.packet().toBytes();
    SphinxProcessor first = new SphinxProcessor(s.nodes().get(0).keys());
    ProcessedPacket original = first.process(packet);
    packet[bit / 8] ^= (byte) (1 << (bit % 8));
    if (bit == 255) {
      // RFC 7748 ignores the top bit of a u-coordinate (so do x25519-dalek and Nym): the same
      // key and therefore the same result.
      assertThat(first.process(packet)).isEqualTo(original);
      return;
    }
    SphinxException e = catchThrowableOfType(SphinxException.class, () -> first.process(packet));
    assertThat(e).isNotNull();
    assertThat(e.reason()).isIn(Reason.HEADER_MAC_MISMATCH, Reason.INVALID_EPHEMERAL_KEY);
  }

  @Property(tries = 40)
  void flippingAPayloadBitCorruptsOnlyThatMessage(
      @ForAll("scenarios") Scenario s, @ForAll @IntRange(min = 0, max = 386 * 8 - 1) int rawBit)
      throws SphinxException {
    List<TestNode> nodes = s.nodes();
    byte[] tampered = s.packet().toBytes();
    byte[] intact = tampered.clone();
    int bit = SphinxHeader.LENGTH * 8 + rawBit % ((tampered.length - SphinxHeader.LENGTH) * 8);
    tampered[bit / 8] ^= (byte) (1 << (bit % 8));

    List<Object> outcomes = new ArrayList<>();
    for (byte[] start : List.of(tampered, intact)) {
      byte[] current = start;
      Object outcome = null;
      for (int i = 0; i < s.hops(); i++) {
        try {
          ProcessedPacket p = new SphinxProcessor(nodes.get(i).keys()).process(current);
          if (p instanceof ForwardHop f) {
            current = f.nextPacket().toBytes();
          } else {
            outcome = ((FinalHop) p).message();
          }
        } catch (SphinxException e) {
          outcome = e.reason();
          break;
        }
      }
      outcomes.add(outcome);
    }
    Object corrupted = outcomes.get(0);
    if (corrupted instanceof Reason reason) {
      assertThat(reason).isIn(Reason.PAYLOAD_CORRUPTED, Reason.PAYLOAD_MARKER_MISSING);
    } else {
      assertThat((byte[]) corrupted).isNotEqualTo(s.message());
    }
    assertThat((byte[]) outcomes.get(1)).isEqualTo(s.message());
  }
}
