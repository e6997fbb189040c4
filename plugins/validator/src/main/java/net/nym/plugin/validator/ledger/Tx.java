package net.nym.plugin.validator.ledger;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.nym.crypto.encoding.Base58;
import net.nym.crypto.keys.Ed25519KeyPair;
import net.nym.crypto.keys.Ed25519PublicKey;

/**
 * One ledger transaction, as canonical JSON. {@code sender} is the base58 Ed25519 public key of
 * the signing account (for {@code advance_epoch}: of a genesis validator). The signature is
 * Ed25519 over {@link #DOMAIN} followed by the canonical JSON of the transaction without its
 * {@code signature} field; {@code chain_id} binds it to one ledger and {@code nonce} (the
 * account's next sequence number) makes each one usable once.
 *
 * @param chainId the ledger's chain id (from its genesis)
 * @param type one of {@code transfer}, {@code bond}, {@code unbond}, {@code delegate}, {@code
 *     undelegate}, {@code advance_epoch}
 * @param sender the signer's public key, base58
 * @param nonce the sender account's next nonce (0 for its first transaction)
 * @param transfer the body of a {@code transfer}
 * @param bond the body of a {@code bond}
 * @param delegation the body of a {@code delegate} or {@code undelegate} (amount absent)
 * @param advance the body of an {@code advance_epoch}
 * @param signature the Ed25519 signature, base58; absent while signing
 */
public record Tx(
    String chainId,
    String type,
    String sender,
    long nonce,
    Transfer transfer,
    Bond bond,
    Delegation delegation,
    Advance advance,
    String signature) {

  /** Signed bytes start with this domain separator. */
  public static final String DOMAIN = "nym-ledger-tx-v1\n";

  /** Transaction types. */
  public static final String TRANSFER = "transfer";
  /** Bond a mixnode or gateway. */
  public static final String BOND = "bond";
  /** Unbond the sender's node. */
  public static final String UNBOND = "unbond";
  /** Delegate stake to a node. */
  public static final String DELEGATE = "delegate";
  /** Withdraw a delegation. */
  public static final String UNDELEGATE = "undelegate";
  /** Close the current epoch (validators only). */
  public static final String ADVANCE_EPOCH = "advance_epoch";

  /**
   * A transfer.
   *
   * @param to the recipient's public key, base58
   * @param amount {@code unym}, positive
   */
  public record Transfer(String to, long amount) {}

  /**
   * A bond: the node's details as Nym's {@code MixNode} / {@code Gateway} have them, the pledge,
   * the cost parameters and the node's signature over the bonding payload ({@link
   * BondingPayload}).
   *
   * @param kind {@code mixnode} or {@code gateway}
   * @param identityKey the node's Ed25519 identity key, base58
   * @param sphinxKey the node's X25519 sphinx key, base58
   * @param host the node's announced IP address
   * @param mixPort the mix port
   * @param verlocPort the verloc port (mixnodes; 0 if none)
   * @param httpApiPort the node's HTTP API port
   * @param clientsPort the client websocket port (gateways; 0 for mixnodes)
   * @param location a free-form location (gateways)
   * @param version the node's software version
   * @param pledge {@code unym} taken from the sender's balance
   * @param profitMarginPercent the operator's profit margin, a decimal string in [0, 1]
   * @param intervalOperatingCost {@code unym} per interval
   * @param nodeSignature the node's Ed25519 signature over the bonding payload, base58
   */
  public record Bond(
      String kind,
      String identityKey,
      String sphinxKey,
      String host,
      int mixPort,
      int verlocPort,
      int httpApiPort,
      int clientsPort,
      String location,
      String version,
      long pledge,
      String profitMarginPercent,
      long intervalOperatingCost,
      String nodeSignature) {

    /** This bond with another node signature. */
    public Bond withNodeSignature(String signature) {
      return new Bond(kind, identityKey, sphinxKey, host, mixPort, verlocPort, httpApiPort,
          clientsPort, location, version, pledge, profitMarginPercent, intervalOperatingCost,
          signature);
    }
  }

  /**
   * A delegation or its withdrawal.
   *
   * @param nodeId the node
   * @param amount {@code unym} to delegate; absent for {@code undelegate} (all is withdrawn)
   */
  public record Delegation(long nodeId, Long amount) {}

  /**
   * The end of the current epoch, proposed by a validator whose clock says it is due.
   *
   * @param epochId the id of the epoch that starts (current + 1)
   * @param timeMillis when it starts, Unix milliseconds: at least the current start + length
   */
  public record Advance(long epochId, long timeMillis) {}

  /** The bytes the sender signs. */
  public byte[] signingBytes() {
    Tx unsigned = withSignature(null);
    byte[] domain = DOMAIN.getBytes(StandardCharsets.UTF_8);
    byte[] body = Canonical.bytes(unsigned);
    byte[] out = Arrays.copyOf(domain, domain.length + body.length);
    System.arraycopy(body, 0, out, domain.length, body.length);
    return out;
  }

  /** This transaction with another signature. */
  public Tx withSignature(String sig) {
    return new Tx(chainId, type, sender, nonce, transfer, bond, delegation, advance, sig);
  }

  /** This transaction signed by {@code key} (whose public key must be {@code sender}). */
  public Tx signedBy(Ed25519KeyPair key) {
    return withSignature(Base58.encode(key.sign(signingBytes())));
  }

  /** Whether the signature is a valid one by {@code sender}. */
  public boolean signatureValid() {
    if (signature == null || sender == null) {
      return false;
    }
    try {
      Ed25519PublicKey key = Ed25519PublicKey.fromBase58(sender);
      return key.verify(signingBytes(), Base58.decode(signature));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The canonical encoding (what goes into the Raft log). */
  public byte[] encode() {
    return Canonical.bytes(this);
  }

  /** The transaction's id: hex SHA-256 of its canonical encoding. */
  public String id() {
    return java.util.HexFormat.of().formatHex(Canonical.sha256(encode()));
  }

  /** An unsigned transaction of {@code type} by {@code sender}. */
  public static Tx unsigned(String chainId, String type, Ed25519PublicKey sender, long nonce) {
    return new Tx(chainId, type, sender.toBase58(), nonce, null, null, null, null, null);
  }

  /** A signed transfer. */
  public static Tx transfer(
      String chainId, Ed25519KeyPair from, long nonce, String to, long amount) {
    return new Tx(chainId, TRANSFER, from.publicKey().toBase58(), nonce,
        new Transfer(to, amount), null, null, null, null).signedBy(from);
  }

  /** A signed bond ({@code bond} must already carry the node signature). */
  public static Tx bond(String chainId, Ed25519KeyPair owner, long nonce, Bond bond) {
    return new Tx(chainId, BOND, owner.publicKey().toBase58(), nonce, null, bond, null, null,
        null).signedBy(owner);
  }

  /** A signed unbond of the owner's node. */
  public static Tx unbond(String chainId, Ed25519KeyPair owner, long nonce) {
    return new Tx(chainId, UNBOND, owner.publicKey().toBase58(), nonce, null, null, null, null,
        null).signedBy(owner);
  }

  /** A signed delegation. */
  public static Tx delegate(
      String chainId, Ed25519KeyPair from, long nonce, long nodeId, long amount) {
    return new Tx(chainId, DELEGATE, from.publicKey().toBase58(), nonce, null, null,
        new Delegation(nodeId, amount), null, null).signedBy(from);
  }

  /** A signed withdrawal of the whole delegation to {@code nodeId}. */
  public static Tx undelegate(String chainId, Ed25519KeyPair from, long nonce, long nodeId) {
    return new Tx(chainId, UNDELEGATE, from.publicKey().toBase58(), nonce, null, null,
        new Delegation(nodeId, null), null, null).signedBy(from);
  }

  /** A signed epoch advance by a validator. */
  public static Tx advanceEpoch(
      String chainId, Ed25519KeyPair validator, long epochId, long timeMillis) {
    return new Tx(chainId, ADVANCE_EPOCH, validator.publicKey().toBase58(), 0, null, null, null,
        new Advance(epochId, timeMillis), null).signedBy(validator);
  }
}
