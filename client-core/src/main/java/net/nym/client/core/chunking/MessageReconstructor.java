package net.nym.client.core.chunking;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reassembles padded messages from fragments (Nym's {@code MessageReconstructor}): a buffer per set
 * id sized by the set's total; a message is complete when its set and the whole chain of linked
 * sets are complete, and its data is the concatenation in chain order. Completed set ids are
 * remembered (bounded) and later fragments for them dropped, so a retransmitted fragment never
 * delivers a message twice; a duplicate fragment of an incomplete set replaces the earlier copy;
 * sets without a new fragment for the expiry time (default 30 min) are dropped, checked at most
 * every 10 s when fragments arrive. Thread-safe.
 */
public final class MessageReconstructor {
  /** Default time after which an incomplete set is dropped. */
  public static final Duration DEFAULT_EXPIRY = Duration.ofMinutes(30);
  private static final Duration CLEAN_INTERVAL = Duration.ofSeconds(10);
  private static final int REMEMBERED_COMPLETED = 100_000;
  private static final Logger LOG = LoggerFactory.getLogger(MessageReconstructor.class);

  private final Clock clock;
  private final Duration expiry;
  private final Map<Integer, SetBuffer> sets = new HashMap<>();
  private final Map<Integer, Boolean> completed =
      new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Boolean> eldest) {
          return size() > REMEMBERED_COMPLETED;
        }
      };
  private Instant lastClean;
  private long duplicates;
  private long expired;

  /** A reconstructor with the default expiry and the system clock. */
  public MessageReconstructor() {
    this(Clock.systemUTC(), DEFAULT_EXPIRY);
  }

  /** A reconstructor with this clock and expiry. */
  public MessageReconstructor(Clock clock, Duration expiry) {
    this.clock = clock;
    this.expiry = expiry;
    this.lastClean = clock.instant();
  }

  private static final class SetBuffer {
    final Fragment[] fragments;
    int received;
    int previous;
    int next;
    Instant updated;

    SetBuffer(int total) {
      fragments = new Fragment[total];
    }

    boolean complete() {
      return received == fragments.length;
    }
  }

  /**
   * Adds a fragment; returns the padded message if this fragment completed it.
   *
   * @return the reassembled padded bytes, or empty
   */
  public synchronized Optional<byte[]> insert(Fragment f) {
    Instant now = clock.instant();
    if (Duration.between(lastClean, now).compareTo(CLEAN_INTERVAL) >= 0) {
      expire(now);
      lastClean = now;
    }
    if (completed.containsKey(f.setId())) {
      duplicates++;
      LOG.debug("dropped {}: its message was already delivered", f);
      return Optional.empty();
    }
    SetBuffer buf = sets.computeIfAbsent(f.setId(), id -> new SetBuffer(f.total()));
    if (buf.fragments.length != f.total()) {
      LOG.debug("dropped {}: its set has {} fragments", f, buf.fragments.length);
      return Optional.empty();
    }
    buf.updated = now;
    if (buf.fragments[f.current() - 1] == null) {
      buf.received++;
    } else {
      duplicates++;
    }
    buf.fragments[f.current() - 1] = f;
    if (f.previousSetId() != 0) {
      buf.previous = f.previousSetId();
    }
    if (f.nextSetId() != 0) {
      buf.next = f.nextSetId();
    }
    if (!buf.complete()) {
      return Optional.empty();
    }
    // Walk back to the chain's start, then forward to its end; every set must be complete.
    int start = f.setId();
    SetBuffer s = buf;
    int guard = 0;
    while (s.previous != 0) {
      SetBuffer p = sets.get(s.previous);
      if (p == null || !p.complete() || ++guard > sets.size()) {
        return Optional.empty();
      }
      start = s.previous;
      s = p;
    }
    List<Integer> chain = new ArrayList<>();
    int id = start;
    while (true) {
      SetBuffer c = sets.get(id);
      if (c == null || !c.complete() || chain.size() > sets.size()) {
        return Optional.empty();
      }
      chain.add(id);
      if (c.next == 0) {
        break;
      }
      id = c.next;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int setId : chain) {
      for (Fragment part : sets.remove(setId).fragments) {
        out.writeBytes(part.payload());
      }
      completed.put(setId, Boolean.TRUE);
    }
    return Optional.of(out.toByteArray());
  }

  private void expire(Instant now) {
    sets.entrySet().removeIf(e -> {
      boolean old = Duration.between(e.getValue().updated, now).compareTo(expiry) > 0;
      if (old) {
        expired++;
        LOG.debug("dropped incomplete fragment set {} ({} of {} fragments) after {}",
            e.getKey(), e.getValue().received, e.getValue().fragments.length, expiry);
      }
      return old;
    });
  }

  /** Sets still waiting for fragments. */
  public synchronized int incompleteSets() {
    return sets.size();
  }

  /** Fragments dropped or replaced as duplicates so far. */
  public synchronized long duplicates() {
    return duplicates;
  }

  /** Incomplete sets dropped by expiry so far. */
  public synchronized long expiredSets() {
    return expired;
  }
}
