package net.nym.mixnet.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import net.nym.mixnet.metrics.DropReason;
import net.nym.mixnet.metrics.PacketCounters;
import net.nym.mixnet.metrics.Refusal;
import org.junit.jupiter.api.Test;

class NodeHttpServerTest {

  private final PacketCounters counters = new PacketCounters();

  private NodeHttpServer server() {
    return NodeApi.install(
        new NodeHttpServer(),
        System.currentTimeMillis() - 5_000,
        () -> new NodeApi.Description("m1", "https://example.org", "", "a test node", "CH"),
        new NodeApi.BuildInformation("nym-mixnode", "0.1.0", "", "", "", ""),
        counters);
  }

  private static FullHttpResponse get(NodeHttpServer s, HttpMethod method, String uri) {
    EmbeddedChannel ch = new EmbeddedChannel(s.handler());
    ch.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri));
    return ch.readOutbound();
  }

  private static JsonNode json(FullHttpResponse r) throws Exception {
    assertThat(r.headers().get("content-type")).isEqualTo("application/json");
    return NodeHttpServer.JSON.readTree(r.content().toString(StandardCharsets.UTF_8));
  }

  @Test
  void healthFollowsNymNode() throws Exception {
    FullHttpResponse r = get(server(), HttpMethod.GET, "/api/v1/health");
    assertThat(r.status().code()).isEqualTo(200);
    JsonNode j = json(r);
    assertThat(j.get("status").asText()).isEqualTo("up");
    assertThat(j.get("uptime").asLong()).isBetween(4L, 10L);
  }

  @Test
  void descriptionAndBuildInformationUseNymFieldNames() throws Exception {
    JsonNode d = json(get(server(), HttpMethod.GET, "/api/v1/description"));
    assertThat(d.get("moniker").asText()).isEqualTo("m1");
    assertThat(d.get("website").asText()).isEqualTo("https://example.org");
    assertThat(d.has("security_contact")).isTrue();
    assertThat(d.get("details").asText()).isEqualTo("a test node");
    JsonNode b = json(get(server(), HttpMethod.GET, "/api/v1/build-information/"));
    assertThat(b.get("binary_name").asText()).isEqualTo("nym-mixnode");
    assertThat(b.get("build_version").asText()).isEqualTo("0.1.0");
  }

  @Test
  void packetStatsCountSinceStartAndLastInterval() throws Exception {
    counters.received();
    counters.forwardHop();
    counters.dropped(DropReason.REPLAYED);
    counters.refused(Refusal.IDLE_TIMEOUT);
    counters.rollInterval();
    counters.received();
    JsonNode j = json(get(server(), HttpMethod.GET, "/api/v1/metrics/packets-stats"));
    assertThat(j.at("/ingress_mixing/forward_hop_packets_received").asLong()).isEqualTo(1);
    assertThat(j.at("/ingress_mixing/replayed_packets_received").asLong()).isEqualTo(1);
    assertThat(j.at("/egress_mixing/forward_hop_packets_sent").asLong()).isZero();
    assertThat(j.at("/packets_received").asLong()).isEqualTo(2);
    assertThat(j.at("/dropped/replayed").asLong()).isEqualTo(1);
    assertThat(j.at("/connections_refused/idle_timeout").asLong()).isEqualTo(1);
    assertThat(j.at("/last_interval/packets_received").asLong()).isEqualTo(1);
  }

  @Test
  void prometheusText() {
    counters.dropped(DropReason.QUEUE_FULL, 3);
    FullHttpResponse r = get(server(), HttpMethod.GET, "/metrics");
    assertThat(r.headers().get("content-type")).startsWith("text/plain; version=0.0.4");
    String body = r.content().toString(StandardCharsets.UTF_8);
    assertThat(body)
        .contains("# TYPE nym_mixnet_packets_dropped_total counter")
        .contains("nym_mixnet_packets_dropped_total{reason=\"queue_full\"} 3")
        .contains("nym_mixnet_packets_received_total 0");
  }

  @Test
  void prometheusLatenessHistogramIsCumulative() {
    counters.lateness().record(40_000); // 40 us
    counters.lateness().record(1_800_000); // 1.8 ms
    counters.lateness().record(25_000_000_000L); // 25 s, above every bound
    String body =
        get(server(), HttpMethod.GET, "/metrics").content().toString(StandardCharsets.UTF_8);
    assertThat(body)
        .contains("# TYPE nym_mixnet_forward_lateness_seconds histogram")
        .contains("nym_mixnet_forward_lateness_seconds_bucket{le=\"0.00005\"} 1\n")
        .contains("nym_mixnet_forward_lateness_seconds_bucket{le=\"0.0015\"} 1\n")
        .contains("nym_mixnet_forward_lateness_seconds_bucket{le=\"0.002\"} 2\n")
        .contains("nym_mixnet_forward_lateness_seconds_bucket{le=\"10\"} 2\n")
        .contains("nym_mixnet_forward_lateness_seconds_bucket{le=\"+Inf\"} 3\n")
        .contains("nym_mixnet_forward_lateness_seconds_sum 25.00184\n")
        .contains("nym_mixnet_forward_lateness_seconds_count 3\n");
  }

  @Test
  void unknownPathAndMethodAreRefused() {
    assertThat(get(server(), HttpMethod.GET, "/nope").status().code()).isEqualTo(404);
    assertThat(get(server(), HttpMethod.POST, "/api/v1/health").status().code()).isEqualTo(405);
  }

  @Test
  void servesOverARealSocket() throws Exception {
    MultiThreadIoEventLoopGroup group =
        new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try (NodeHttpServer s = server().start(group, new InetSocketAddress("127.0.0.1", 0))) {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:" + s.localAddress().getPort() + "/api/v1/health"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("\"status\" : \"up\"");
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }
}
