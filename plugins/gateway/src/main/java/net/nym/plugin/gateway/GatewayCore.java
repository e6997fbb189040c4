package net.nym.plugin.gateway;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.LongAdder;
import net.nym.crypto.encoding.Base58;
import net.nym.crypto.keys.Ed25519KeyPair;
import net.nym.mixnet.forwarding.MixPacket;
import org.slf4j.Logger;

/**
 * What every client session of one gateway shares: configuration, identity, the mailbox, the
 * active sessions by client address, counters, the session worker pool and the way into layer 1.
 * Also delivers final-hop messages to clients ({@link #deliver}).
 */
final class GatewayCore {
  /** Forwards a client's mix packet into the mixnet at once. */
  @FunctionalInterface
  interface Forwarder {
    void forward(MixPacket packet);
  }

  final GatewayConfig config;
  final Ed25519KeyPair identity;
  final Mailbox mailbox;
  final GatewayCounters counters;
  final ExecutorService workers;
  final SecureRandom random = new SecureRandom();
  final Clock clock;
  final Logger log;
  final Map<String, ClientSession> active = new ConcurrentHashMap<>();
  /** {@link GatewayCounters#PACKETS_FORWARDED}, kept for the per-packet path. */
  final LongAdder forwarded;
  private volatile Forwarder forwarder = p -> { };

  GatewayCore(GatewayConfig config, Ed25519KeyPair identity, Mailbox mailbox,
      GatewayCounters counters, ExecutorService workers, Clock clock, Logger log) {
    this.config = config;
    this.identity = identity;
    this.mailbox = mailbox;
    this.counters = counters;
    this.workers = workers;
    this.clock = clock;
    this.log = log;
    this.forwarded = counters.counter(GatewayCounters.PACKETS_FORWARDED);
  }

  void forwarder(Forwarder f) {
    this.forwarder = f;
  }

  void forward(MixPacket packet) {
    forwarder.forward(packet);
  }

  static String key(byte[] address) {
    return Base58.encode(address);
  }

  /**
   * Delivers a final-hop message to client {@code address}: pushed to its session if it has a
   * writable one, stored in the mailbox otherwise (or dropped and counted when its quota is full).
   * Called on Sphinx worker threads.
   */
  void deliver(byte[] address, byte[] message) {
    ClientSession s = active.get(key(address));
    if (s != null && s.push(message)) {
      return;
    }
    store(address, message);
    // A session that became active while we stored would not see this message until its next
    // login; have it drain the mailbox now.
    ClientSession late = active.get(key(address));
    if (late != null) {
      late.drainMailboxLater();
    }
  }

  /** Stores a message for later, counting what happened. */
  void store(byte[] address, byte[] message) {
    try {
      if (mailbox.store(address, message, config.mailbox().maxMessagesPerClient())) {
        counters.add(GatewayCounters.MESSAGES_STORED);
      } else {
        counters.add(GatewayCounters.MAILBOX_FULL);
        log.debug("mailbox of {} is full; message dropped", key(address));
      }
    } catch (SQLException e) {
      counters.add(GatewayCounters.STORAGE_ERRORS);
      log.warn("cannot store a message for {}: {}", key(address), e.getMessage());
    }
  }
}
