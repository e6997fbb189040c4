package net.nym.plugin.validator.ledger;

/** The kinds of bonded node. */
public final class NodeKind {
  /** A mixnode: eligible for layers 1 to 3. */
  public static final String MIXNODE = "mixnode";
  /** A gateway: eligible for the entry and exit gateway sets. */
  public static final String GATEWAY = "gateway";

  private NodeKind() {}

  /** Whether {@code kind} is one of the two. */
  public static boolean valid(String kind) {
    return MIXNODE.equals(kind) || GATEWAY.equals(kind);
  }
}
