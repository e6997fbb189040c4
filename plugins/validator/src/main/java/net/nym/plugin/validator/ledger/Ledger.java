package net.nym.plugin.validator.ledger;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import net.nym.crypto.encoding.Base58;
import net.nym.crypto.keys.Ed25519PublicKey;
import net.nym.crypto.keys.X25519PublicKey;

/**
 * The ledger: state plus the deterministic transition function {@link #apply}. A refused
 * transaction leaves the state untouched except for the {@code refused} counter. Not
 * thread-safe: the Raft state machine calls {@link #apply} from its single apply thread, and
 * readers use {@link #data()} (an immutable copy taken under the caller's lock).
 */
public final class Ledger {
  private final Genesis genesis;
  private final TreeMap<String, Account> accounts;
  private final TreeMap<Long, Node> nodes;
  private long nextNodeId;
  private long rewardPool;
  private Epoch epoch;
  private long applied;
  private long refused;

  /** A fresh ledger from {@code genesis}. */
  public Ledger(Genesis genesis) {
    this.genesis = genesis;
    this.accounts = new TreeMap<>();
    for (Genesis.Allocation a : genesis.allocations()) {
      Ed25519PublicKey.fromBase58(a.address());
      if (a.amount() < 0) {
        throw new IllegalArgumentException("genesis allocation to " + a.address()
            + " is negative");
      }
      Account old = accounts.get(a.address());
      long balance = Math.addExact(old == null ? 0 : old.balance(), a.amount());
      accounts.put(a.address(), new Account(balance, 0));
    }
    this.nodes = new TreeMap<>();
    this.nextNodeId = 1;
    this.rewardPool = genesis.rewardPool();
    this.epoch = new Epoch(0, genesis.genesisTimeMillis(), RewardedSet.empty(0), Map.of(), "");
  }

  /** A ledger restored from {@link #data()}. */
  public Ledger(StateData data) {
    this.genesis = data.genesis();
    this.accounts = new TreeMap<>(data.accounts());
    this.nodes = new TreeMap<>(data.nodes());
    this.nextNodeId = data.nextNodeId();
    this.rewardPool = data.rewardPool();
    this.epoch = data.epoch();
    this.applied = data.applied();
    this.refused = data.refused();
  }

  /** A ledger restored from {@link #snapshot()} bytes. */
  public static Ledger restore(byte[] snapshot) throws IOException {
    return new Ledger(Canonical.decode(snapshot, StateData.class));
  }

  /** The state as one immutable value. */
  public StateData data() {
    return new StateData(genesis, Map.copyOf(accounts), Map.copyOf(nodes), nextNodeId,
        rewardPool, epoch, applied, refused);
  }

  /** The canonical bytes of the state. */
  public byte[] snapshot() {
    return Canonical.bytes(new StateData(genesis, accounts, nodes, nextNodeId, rewardPool, epoch,
        applied, refused));
  }

  /** Hex SHA-256 of {@link #snapshot()}. */
  public String stateHash() {
    return HexFormat.of().formatHex(Canonical.sha256(snapshot()));
  }

  /** The genesis. */
  public Genesis genesis() {
    return genesis;
  }

  /** The current epoch. */
  public Epoch epoch() {
    return epoch;
  }

  /** The account at {@code address}, if it exists. */
  public Optional<Account> account(String address) {
    return Optional.ofNullable(accounts.get(address));
  }

  /** The bonded node {@code id}, if any. */
  public Optional<Node> node(long id) {
    return Optional.ofNullable(nodes.get(id));
  }

  /** Decodes and applies a transaction from its log bytes; undecodable bytes are refused. */
  public Result apply(byte[] encoded) {
    Tx tx;
    try {
      tx = Canonical.decode(encoded, Tx.class);
    } catch (IOException e) {
      refused++;
      return Result.refused(HexFormat.of().formatHex(Canonical.sha256(encoded)),
          "malformed transaction: " + firstLine(e.getMessage()), epoch.id());
    }
    return apply(tx);
  }

  /** Applies {@code tx}: either all of its effects or none. */
  public Result apply(Tx tx) {
    String id = tx.id();
    String why = check(tx);
    if (why != null) {
      refused++;
      return Result.refused(id, why, epoch.id());
    }
    Long nodeId = execute(tx);
    applied++;
    return new Result(true, id, null, nodeId, epoch.id());
  }

  private String check(Tx tx) {
    if (!genesis.chainId().equals(tx.chainId())) {
      return "wrong chain id '" + tx.chainId() + "' (this ledger is '" + genesis.chainId() + "')";
    }
    if (tx.type() == null) {
      return "missing transaction type";
    }
    if (!tx.signatureValid()) {
      return "bad signature: not signed by " + tx.sender();
    }
    if (Tx.ADVANCE_EPOCH.equals(tx.type())) {
      return checkAdvance(tx);
    }
    Account sender = accounts.get(tx.sender());
    if (sender == null) {
      return "unknown account " + tx.sender();
    }
    if (tx.nonce() != sender.nonce()) {
      return tx.nonce() < sender.nonce()
          ? "replayed nonce " + tx.nonce() + " (account " + tx.sender() + " expects "
              + sender.nonce() + ")"
          : "nonce " + tx.nonce() + " is ahead of account " + tx.sender() + " (expects "
              + sender.nonce() + ")";
    }
    switch (tx.type()) {
      case Tx.TRANSFER:
        return checkTransfer(tx, sender);
      case Tx.BOND:
        return checkBond(tx, sender);
      case Tx.UNBOND:
        return ownedNode(tx.sender()) == null ? "account " + tx.sender() + " has no bonded node"
            : null;
      case Tx.DELEGATE:
        return checkDelegate(tx, sender);
      case Tx.UNDELEGATE:
        return checkUndelegate(tx);
      default:
        return "unknown transaction type '" + tx.type() + "'";
    }
  }

  private String checkTransfer(Tx tx, Account sender) {
    Tx.Transfer t = tx.transfer();
    if (t == null || t.to() == null) {
      return "transfer without a recipient";
    }
    if (t.amount() <= 0) {
      return "transfer amount must be positive, got " + t.amount();
    }
    try {
      Ed25519PublicKey.fromBase58(t.to());
    } catch (IllegalArgumentException e) {
      return "recipient is not an account address: " + e.getMessage();
    }
    if (sender.balance() < t.amount()) {
      return insufficient(tx.sender(), sender.balance(), t.amount());
    }
    return null;
  }

  private String checkBond(Tx tx, Account sender) {
    Tx.Bond b = tx.bond();
    if (b == null) {
      return "bond without node details";
    }
    if (!NodeKind.valid(b.kind())) {
      return "unknown node kind '" + b.kind() + "' (expected mixnode or gateway)";
    }
    Ed25519PublicKey identity;
    try {
      identity = Ed25519PublicKey.fromBase58(b.identityKey());
      X25519PublicKey.fromBase58(b.sphinxKey());
    } catch (IllegalArgumentException | NullPointerException e) {
      return "bad node key: " + e.getMessage();
    }
    if (b.host() == null || b.host().isBlank()) {
      return "bond without a host";
    }
    if (!port(b.mixPort()) || !portOrZero(b.verlocPort()) || !portOrZero(b.httpApiPort())
        || !portOrZero(b.clientsPort())) {
      return "bad port in bond (mix port 1-65535, others 0-65535)";
    }
    if (NodeKind.GATEWAY.equals(b.kind()) && !port(b.clientsPort())) {
      return "a gateway bond needs a clients port";
    }
    BigDecimal margin;
    try {
      margin = new BigDecimal(b.profitMarginPercent());
    } catch (NumberFormatException | NullPointerException e) {
      return "profit margin is not a decimal number";
    }
    if (margin.signum() < 0 || margin.compareTo(BigDecimal.ONE) > 0
        || b.intervalOperatingCost() < 0) {
      return "profit margin must be within [0, 1] and the operating cost not negative";
    }
    if (b.pledge() < genesis.params().minimumPledge()) {
      return "pledge " + b.pledge() + " " + genesis.params().denom() + " is below the minimum of "
          + genesis.params().minimumPledge();
    }
    if (sender.balance() < b.pledge()) {
      return insufficient(tx.sender(), sender.balance(), b.pledge());
    }
    for (Node n : nodes.values()) {
      if (n.details().identityKey().equals(b.identityKey())) {
        return "identity " + b.identityKey() + " is already bonded as node " + n.nodeId();
      }
    }
    Node owned = ownedNode(tx.sender());
    if (owned != null) {
      return "account " + tx.sender() + " already owns node " + owned.nodeId();
    }
    byte[] payload = BondingPayload.bytes(b, tx.sender(), tx.nonce(), genesis.params().denom());
    boolean signed;
    try {
      signed = b.nodeSignature() != null
          && identity.verify(payload, Base58.decode(b.nodeSignature()));
    } catch (IllegalArgumentException e) {
      signed = false;
    }
    if (!signed) {
      return "bad node signature: the bonding payload is not signed by identity "
          + b.identityKey();
    }
    return null;
  }

  private String checkDelegate(Tx tx, Account sender) {
    Tx.Delegation d = tx.delegation();
    if (d == null || d.amount() == null) {
      return "delegation without a node id and amount";
    }
    if (!nodes.containsKey(d.nodeId())) {
      return "no bonded node " + d.nodeId();
    }
    if (d.amount() <= 0) {
      return "delegation amount must be positive, got " + d.amount();
    }
    if (sender.balance() < d.amount()) {
      return insufficient(tx.sender(), sender.balance(), d.amount());
    }
    return null;
  }

  private String checkUndelegate(Tx tx) {
    Tx.Delegation d = tx.delegation();
    if (d == null) {
      return "undelegation without a node id";
    }
    Node n = nodes.get(d.nodeId());
    if (n == null) {
      return "no bonded node " + d.nodeId();
    }
    if (!n.delegations().containsKey(tx.sender())) {
      return "account " + tx.sender() + " has no delegation to node " + d.nodeId();
    }
    return null;
  }

  private String checkAdvance(Tx tx) {
    if (!genesis.validators().contains(tx.sender())) {
      return "only a genesis validator may advance the epoch; " + tx.sender() + " is not one";
    }
    Tx.Advance a = tx.advance();
    if (a == null) {
      return "advance_epoch without an epoch";
    }
    if (a.epochId() != epoch.id() + 1) {
      return "epoch " + a.epochId() + " is not next (current epoch is " + epoch.id() + ")";
    }
    long due = epoch.startMillis() + genesis.params().epochLengthSecs() * 1000;
    if (a.timeMillis() < due) {
      return "epoch " + epoch.id() + " lasts until " + due + " ms; advance at " + a.timeMillis()
          + " ms is early";
    }
    return null;
  }

  private Long execute(Tx tx) {
    if (Tx.ADVANCE_EPOCH.equals(tx.type())) {
      advance(tx.advance());
      return null;
    }
    Account sender = accounts.get(tx.sender());
    Account after = new Account(sender.balance(), sender.nonce() + 1);
    accounts.put(tx.sender(), after);
    switch (tx.type()) {
      case Tx.TRANSFER -> {
        debit(tx.sender(), tx.transfer().amount());
        credit(tx.transfer().to(), tx.transfer().amount());
        return null;
      }
      case Tx.BOND -> {
        Tx.Bond b = tx.bond();
        debit(tx.sender(), b.pledge());
        long id = nextNodeId++;
        nodes.put(id, new Node(id, tx.sender(), b, b.pledge(), Map.of(), epoch.id(), 1_000_000));
        return id;
      }
      case Tx.UNBOND -> {
        Node n = ownedNode(tx.sender());
        nodes.remove(n.nodeId());
        credit(n.owner(), n.pledge());
        n.delegations().forEach(this::credit);
        return n.nodeId();
      }
      case Tx.DELEGATE -> {
        Tx.Delegation d = tx.delegation();
        debit(tx.sender(), d.amount());
        Node n = nodes.get(d.nodeId());
        TreeMap<String, Long> del = new TreeMap<>(n.delegations());
        del.merge(tx.sender(), d.amount(), Math::addExact);
        nodes.put(n.nodeId(), n.withStake(n.pledge(), del));
        return n.nodeId();
      }
      case Tx.UNDELEGATE -> {
        Node n = nodes.get(tx.delegation().nodeId());
        TreeMap<String, Long> del = new TreeMap<>(n.delegations());
        long amount = del.remove(tx.sender());
        nodes.put(n.nodeId(), n.withStake(n.pledge(), del));
        credit(tx.sender(), amount);
        return n.nodeId();
      }
      default -> throw new IllegalStateException("checked type " + tx.type());
    }
  }

  private void advance(Tx.Advance a) {
    Rewards.Outcome paid = Rewards.pay(genesis.params(), epoch, nodes, rewardPool);
    nodes.putAll(paid.nodes());
    rewardPool = paid.rewardPool();
    String seed = stateHash();
    RewardedSet set = Selection.choose(genesis.params(), nodes, a.epochId(),
        HexFormat.of().parseHex(seed));
    epoch = new Epoch(a.epochId(), a.timeMillis(), set, nodes, seed);
  }

  private Node ownedNode(String owner) {
    for (Node n : nodes.values()) {
      if (n.owner().equals(owner)) {
        return n;
      }
    }
    return null;
  }

  private void debit(String address, long amount) {
    Account a = accounts.get(address);
    accounts.put(address, new Account(Math.subtractExact(a.balance(), amount), a.nonce()));
  }

  private void credit(String address, long amount) {
    Account a = accounts.get(address);
    accounts.put(address, a == null ? new Account(amount, 0)
        : new Account(Math.addExact(a.balance(), amount), a.nonce()));
  }

  private static String insufficient(String who, long balance, long needed) {
    return "insufficient balance: account " + who + " has " + balance + " unym, needs " + needed;
  }

  private static boolean port(int p) {
    return p >= 1 && p <= 65535;
  }

  private static boolean portOrZero(int p) {
    return p >= 0 && p <= 65535;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
