package net.nym.crypto.sphinx;

/** Byte layout of Sphinx headers and routing information ({@code sphinx-packet} 0.6.0). */
final class Layout {
  static final int MAX_HOPS = 5;
  static final int ALPHA = 0;
  static final int ALPHA_LENGTH = 32;
  static final int GAMMA = 32;
  static final int GAMMA_LENGTH = 16;
  static final int BETA = 48;

  /** Per-hop slot: flag, version, address, delay, next MAC. Also the filler step. */
  static final int SLOT_LENGTH = 60;

  static final int BETA_LENGTH = SLOT_LENGTH * MAX_HOPS;
  static final int HEADER_LENGTH = BETA + BETA_LENGTH;
  static final int KEYSTREAM_LENGTH = BETA_LENGTH + SLOT_LENGTH;
  static final int TRUNCATED_BETA_LENGTH = BETA_LENGTH - SLOT_LENGTH;

  static final int FLAG = 0;
  static final int VERSION = 1;
  static final int ADDRESS = 4;
  static final int ADDRESS_LENGTH = 32;
  static final int DELAY = 36;
  static final int NEXT_GAMMA = 44;
  static final int IDENTIFIER = 36;
  static final int FINAL_META_LENGTH = 52;

  static final byte FORWARD_HOP = 1;
  static final byte FINAL_HOP = 2;

  static final int PAYLOAD_ZERO_PREFIX = 16;
  static final int PAYLOAD_OVERHEAD = PAYLOAD_ZERO_PREFIX + 1;

  private Layout() {}
}
