package net.nym.mixnet.http;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import net.nym.mixnet.metrics.DropReason;
import net.nym.mixnet.metrics.LatenessHistogram;
import net.nym.mixnet.metrics.PacketCounters;
import net.nym.mixnet.metrics.Refusal;

/**
 * The routes every node serves, with nym-node's JSON field names where nym-node has the route
 * ({@code nym-node/nym-node-requests/src/api/v1/{health,node,metrics}/models.rs} at Nym commit
 * b4046a89). Fields nym-node does not have are additions, named in the same snake_case style.
 */
public final class NodeApi {

  /**
   * Operator-supplied description ({@code NodeDescription}: moniker, website, security_contact,
   * details) plus the node's location.
   *
   * @param moniker the node's name
   * @param website a link
   * @param securityContact an e-mail address for security matters (may be empty)
   * @param details a free-form description
   * @param location where the node runs (free text or an ISO country code)
   */
  public record Description(
      String moniker, String website, String securityContact, String details, String location) {}

  /**
   * Build information ({@code BinaryBuildInformationOwned}); Rust-specific fields are replaced by
   * the JVM's.
   *
   * @param binaryName the program name
   * @param buildVersion the version
   * @param buildTimestamp when it was built (may be empty)
   * @param commitSha the source commit (may be empty)
   * @param commitTimestamp when the commit was made (may be empty)
   * @param commitBranch the branch (may be empty)
   */
  public record BuildInformation(
      String binaryName,
      String buildVersion,
      String buildTimestamp,
      String commitSha,
      String commitTimestamp,
      String commitBranch) {}

  private NodeApi() {}

  /**
   * Adds the five shared routes to {@code server}.
   *
   * @param startMillis {@link System#currentTimeMillis()} when the node started (for uptime)
   * @param description read on every request (it may change while running)
   * @param build fixed build information
   * @param counters the node's counters
   */
  public static NodeHttpServer install(
      NodeHttpServer server,
      long startMillis,
      Supplier<Description> description,
      BuildInformation build,
      PacketCounters counters) {
    return server
        .json("/api/v1/health", () -> health(startMillis))
        .json("/api/v1/description", () -> description(description.get()))
        .json("/api/v1/build-information", () -> buildInformation(build))
        .json("/api/v1/metrics/packets-stats", () -> packetsStats(counters))
        .text("/metrics", "text/plain; version=0.0.4; charset=utf-8", () -> prometheus(counters));
  }

  /** {@code NodeHealth}: {@code {"status": "up", "uptime": seconds}}. */
  public static Map<String, Object> health(long startMillis) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", "up");
    m.put("uptime", Math.max(0, (System.currentTimeMillis() - startMillis) / 1000));
    return m;
  }

  /** {@code NodeDescription} plus {@code location}. */
  public static Map<String, Object> description(Description d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("moniker", d.moniker());
    m.put("website", d.website());
    m.put("security_contact", d.securityContact());
    m.put("details", d.details());
    m.put("location", d.location());
    return m;
  }

  /** {@code BinaryBuildInformationOwned}, with {@code java_version} instead of rustc's fields. */
  public static Map<String, Object> buildInformation(BuildInformation b) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("binary_name", b.binaryName());
    m.put("build_timestamp", b.buildTimestamp());
    m.put("build_version", b.buildVersion());
    m.put("commit_sha", b.commitSha());
    m.put("commit_timestamp", b.commitTimestamp());
    m.put("commit_branch", b.commitBranch());
    m.put("java_version", System.getProperty("java.version"));
    m.put("java_vendor", System.getProperty("java.vendor"));
    return m;
  }

  /**
   * {@code PacketsStats} ({@code ingress_mixing}, {@code egress_mixing}) since start, plus {@code
   * dropped} and {@code connections_refused} by reason, and the same for the last interval under
   * {@code last_interval}.
   */
  public static Map<String, Object> packetsStats(PacketCounters counters) {
    Map<String, Object> m = stats(counters.snapshot());
    m.put("uptime_seconds", counters.snapshot().millis() / 1000);
    PacketCounters.Snapshot last = counters.lastInterval();
    Map<String, Object> interval = stats(last);
    interval.put("interval_seconds", last.millis() / 1000);
    m.put("last_interval", interval);
    return m;
  }

  private static Map<String, Object> stats(PacketCounters.Snapshot s) {
    long malformed =
        s.dropped(DropReason.MALFORMED_PACKET) + s.dropped(DropReason.UNSUPPORTED_TYPE);
    long forwardDroppedIngress =
        s.dropped(DropReason.OVERLOADED) + s.dropped(DropReason.SCHEDULER_FULL);
    long forwardDroppedEgress =
        s.dropped(DropReason.QUEUE_FULL)
            + s.dropped(DropReason.TOO_MANY_PEERS)
            + s.dropped(DropReason.SEND_FAILED)
            + s.dropped(DropReason.SHUTDOWN);
    Map<String, Object> ingress = new LinkedHashMap<>();
    ingress.put("forward_hop_packets_received", s.forwardHopReceived());
    ingress.put("final_hop_packets_received", s.finalHopReceived());
    ingress.put("malformed_packets_received", malformed);
    ingress.put("replayed_packets_received", s.dropped(DropReason.REPLAYED));
    ingress.put("excessive_delay_packets", s.excessiveDelay());
    ingress.put("forward_hop_packets_dropped", forwardDroppedIngress);
    ingress.put("final_hop_packets_dropped", s.dropped(DropReason.FINAL_HOP));
    Map<String, Object> egress = new LinkedHashMap<>();
    egress.put("forward_hop_packets_sent", s.sent());
    egress.put("forward_hop_packets_dropped", forwardDroppedEgress);
    egress.put("ack_packets_sent", 0L);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ingress_mixing", ingress);
    m.put("egress_mixing", egress);
    m.put("packets_received", s.received());
    Map<String, Object> dropped = new LinkedHashMap<>();
    for (DropReason r : DropReason.values()) {
      dropped.put(r.label(), s.dropped(r));
    }
    m.put("dropped", dropped);
    Map<String, Object> refused = new LinkedHashMap<>();
    for (Refusal r : Refusal.values()) {
      refused.put(r.label(), s.refused(r));
    }
    m.put("connections_refused", refused);
    return m;
  }

  /** The counters in Prometheus text exposition format 0.0.4. */
  public static String prometheus(PacketCounters counters) {
    PacketCounters.Snapshot s = counters.snapshot();
    StringBuilder b = new StringBuilder();
    counter(
        b, "nym_mixnet_packets_received_total", "Frames decoded on the mix port.", s.received());
    counter(
        b,
        "nym_mixnet_forward_hop_packets_total",
        "Packets processed as forward hops.",
        s.forwardHopReceived());
    counter(
        b,
        "nym_mixnet_final_hop_packets_total",
        "Packets processed as final hops.",
        s.finalHopReceived());
    counter(b, "nym_mixnet_packets_sent_total", "Packets written to their next hop.", s.sent());
    counter(
        b,
        "nym_mixnet_excessive_delay_packets_total",
        "Packets whose delay was clamped to the maximum.",
        s.excessiveDelay());
    b.append("# HELP nym_mixnet_packets_dropped_total Packets dropped, by reason.\n");
    b.append("# TYPE nym_mixnet_packets_dropped_total counter\n");
    for (DropReason r : DropReason.values()) {
      b.append("nym_mixnet_packets_dropped_total{reason=\"")
          .append(r.label())
          .append("\"} ")
          .append(s.dropped(r))
          .append('\n');
    }
    b.append(
        "# HELP nym_mixnet_connections_refused_total Inbound connections refused, by reason.\n");
    b.append("# TYPE nym_mixnet_connections_refused_total counter\n");
    for (Refusal r : Refusal.values()) {
      b.append("nym_mixnet_connections_refused_total{reason=\"")
          .append(r.label())
          .append("\"} ")
          .append(s.refused(r))
          .append('\n');
    }
    LatenessHistogram.Snapshot late = counters.lateness().snapshot();
    String histogram = "nym_mixnet_forward_lateness_seconds";
    b.append("# HELP ")
        .append(histogram)
        .append(
            " How late forwarded packets were written to their next hop after their release time"
                + " (arrival plus delay).\n");
    b.append("# TYPE ").append(histogram).append(" histogram\n");
    long[] bounds = LatenessHistogram.Snapshot.boundsNanos();
    long cumulative = 0;
    for (int i = 0; i <= bounds.length; i++) {
      cumulative += late.count(i);
      b.append(histogram)
          .append("_bucket{le=\"")
          .append(i < bounds.length ? seconds(bounds[i]) : "+Inf")
          .append("\"} ")
          .append(cumulative)
          .append('\n');
    }
    b.append(histogram).append("_sum ").append(seconds(late.sumNanos())).append('\n');
    b.append(histogram).append("_count ").append(cumulative).append('\n');
    b.append("# HELP nym_uptime_seconds Seconds since the node started.\n");
    b.append("# TYPE nym_uptime_seconds gauge\n");
    b.append("nym_uptime_seconds ")
        .append(String.format(Locale.ROOT, "%.3f", s.millis() / 1000.0))
        .append('\n');
    return b.toString();
  }

  private static String seconds(long nanos) {
    return java.math.BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString();
  }

  private static void counter(StringBuilder b, String name, String help, long value) {
    b.append("# HELP ").append(name).append(' ').append(help).append('\n');
    b.append("# TYPE ").append(name).append(" counter\n");
    b.append(name).append(' ').append(value).append('\n');
  }
}
