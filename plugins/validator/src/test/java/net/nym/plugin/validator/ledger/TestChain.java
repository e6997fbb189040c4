package net.nym.plugin.validator.ledger;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import net.nym.crypto.keys.Ed25519KeyPair;
import net.nym.crypto.keys.X25519KeyPair;

/** Keys and a genesis for ledger tests; helpers that build signed bonds. */
public final class TestChain {
  public static final String CHAIN = "nym-test";
  public static final long NYM = 1_000_000L;
  private static final SecureRandom RANDOM = new SecureRandom();

  public final Ed25519KeyPair validator = Ed25519KeyPair.generate(RANDOM);
  public final List<Ed25519KeyPair> accounts = new ArrayList<>();
  public final Genesis genesis;

  public TestChain(int accountCount, long epochSecs) {
    List<Genesis.Allocation> alloc = new ArrayList<>();
    for (int i = 0; i < accountCount; i++) {
      Ed25519KeyPair k = Ed25519KeyPair.generate(RANDOM);
      accounts.add(k);
      alloc.add(new Genesis.Allocation(k.publicKey().toBase58(), 1_000_000 * NYM));
    }
    Genesis.Params p = new Genesis.Params("unym", 100 * NYM, epochSecs, 720, 6, 1, 1, 0,
        250_000 * NYM, 6_000 * NYM, "0.3", 20, 24);
    genesis = new Genesis(CHAIN, 1_000_000L, p, alloc, List.of(validator.publicKey().toBase58()),
        1_000_000_000 * NYM);
  }

  public Ed25519KeyPair account(int i) {
    return accounts.get(i);
  }

  public String address(int i) {
    return accounts.get(i).publicKey().toBase58();
  }

  /** A node's keys. */
  public record NodeKeys(Ed25519KeyPair identity, X25519KeyPair sphinx) {
    public static NodeKeys generate() {
      return new NodeKeys(Ed25519KeyPair.generate(RANDOM), X25519KeyPair.generate(RANDOM));
    }
  }

  /** Bond details signed by the node for owner {@code owner} at {@code nonce}. */
  public static Tx.Bond signedBond(NodeKeys node, String kind, String owner, long nonce,
      long pledge, int port) {
    Tx.Bond b = new Tx.Bond(kind, node.identity().publicKey().toBase58(),
        node.sphinx().publicKey().toBase58(), "127.0.0.1", port, 0, 8000,
        "gateway".equals(kind) ? 9000 : 0, "", "0.1.0", pledge, "0.1", 40 * NYM, null);
    byte[] payload = BondingPayload.bytes(b, owner, nonce, "unym");
    return b.withNodeSignature(net.nym.crypto.encoding.Base58.encode(
        node.identity().sign(payload)));
  }

  /** A signed bond transaction by account {@code i}. */
  public Tx bondTx(int i, long nonce, NodeKeys node, String kind, long pledge, int port) {
    return Tx.bond(CHAIN, account(i), nonce, signedBond(node, kind, address(i), nonce, pledge,
        port));
  }
}
