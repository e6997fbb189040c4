package net.nym.plugin.validator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.nym.crypto.keys.Ed25519KeyPair;
import net.nym.mixnet.topology.TopologySignature;
import net.nym.plugin.validator.ledger.NodeKind;
import net.nym.plugin.validator.ledger.TestChain;
import net.nym.plugin.validator.ledger.TestChain.NodeKeys;
import net.nym.plugin.validator.ledger.Tx;
import net.nym.plugin.validator.raft.Peer;
import net.nym.plugin.validator.raft.RaftReplica;
import net.nym.plugin.validator.raft.ReplicaSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The validator's HTTP server on a real one-validator ledger, spoken to over raw loopback
 * sockets: prepared topology responses on kept-alive connections, HEAD, close, the switch to a
 * new epoch's responses, and refused bad input.
 */
class ApiServerTest {
  private static final String ACTIVE = "/v2/unstable/nym-nodes/skimmed/mixnodes/active";

  @TempDir Path dir;
  private final TestChain chain = new TestChain(2, 1);
  private final Ed25519KeyPair identity = Ed25519KeyPair.generate(new SecureRandom());
  private EventLoopGroup group;
  private RaftReplica replica;
  private ValidatorApi api;
  private ApiServer server;

  @BeforeEach
  void start() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    replica = new RaftReplica(new ReplicaSettings("v0", List.of(new Peer("v0", "127.0.0.1",
        port)), dir, 50, 2, Duration.ofMillis(300), Duration.ofSeconds(4)), chain.genesis);
    replica.start();
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    api = new ValidatorApi("v0", replica, identity);
    server = new ApiServer(api).start(group, new InetSocketAddress("127.0.0.1", 0));
  }

  @AfterEach
  void stop() throws InterruptedException {
    server.close();
    api.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    replica.close();
  }

  /** A response as read off the socket. */
  private record Response(int status, Map<String, String> headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private Socket connect() throws IOException {
    Socket s = new Socket();
    s.connect(server.localAddress(), 5000);
    s.setSoTimeout(10_000);
    return s;
  }

  private static void send(Socket s, String request) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(request.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** Reads one response; {@code head} for a HEAD (no body whatever Content-Length says). */
  private static Response read(Socket s, boolean head) throws IOException {
    InputStream in = s.getInputStream();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    String status = null;
    Map<String, String> headers = new LinkedHashMap<>();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed in the header");
      }
      if (b != '\n') {
        line.write(b);
        continue;
      }
      String l = line.toString(StandardCharsets.US_ASCII).strip();
      line.reset();
      if (l.isEmpty()) {
        break;
      }
      if (status == null) {
        status = l;
      } else {
        int colon = l.indexOf(':');
        headers.put(l.substring(0, colon).toLowerCase(Locale.ROOT),
            l.substring(colon + 1).strip());
      }
    }
    int length = head ? 0 : Integer.parseInt(headers.get("content-length"));
    byte[] body = in.readNBytes(length);
    assertThat(body).hasSize(length);
    return new Response(Integer.parseInt(status.split(" ")[1]), headers, body);
  }

  private static String get(String target) {
    return "GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n";
  }

  private boolean verifies(Response r, String path) {
    return TopologySignature.verify(identity.publicKey(), path,
        Long.parseLong(r.headers().get("x-nym-epoch")), r.body(),
        r.headers().get("x-nym-signature"));
  }

  @Test
  void servesSignedTopologyOnOneKeptAliveConnectionUnderEverySpelling() throws IOException {
    try (Socket s = connect()) {
      Response first = null;
      for (String target : List.of("/api" + ACTIVE, ACTIVE, ACTIVE + "/",
          "/api" + ACTIVE + "?page=0&per_page=100", "/api" + ACTIVE.replace("mixnodes",
              "%6Dixnodes"))) {
        send(s, get(target));
        Response r = read(s, false);
        assertThat(r.status()).as(target).isEqualTo(200);
        assertThat(r.headers()).containsEntry("connection", "keep-alive")
            .containsEntry("content-type", "application/json")
            .containsEntry("x-nym-validator", identity.publicKey().toBase58());
        assertThat(verifies(r, ACTIVE)).as(target).isTrue();
        if (first == null) {
          first = r;
        }
        assertThat(r.body()).isEqualTo(first.body());
      }
      assertThat(first.text()).contains("\"absolute_epoch_id\":0");
      // HEAD: the same header block, no body; the connection goes on.
      send(s, "HEAD /api" + ACTIVE + " HTTP/1.1\r\nHost: x\r\n\r\n");
      Response head = read(s, true);
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.headers()).isEqualTo(first.headers());
      // A routed request on the same connection.
      send(s, get("/api/v1/health"));
      Response health = read(s, false);
      assertThat(health.status()).isEqualTo(200);
      assertThat(health.text()).contains("\"validator\":\"v0\"");
      send(s, get("/api/v1/nope"));
      assertThat(read(s, false).status()).isEqualTo(404);
    }
    assertThat(server.refused()).isZero();
  }

  @Test
  void closesWhenTheClientAsksAndForHttp10() throws IOException {
    for (String request : List.of(
        "GET " + ACTIVE + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "GET " + ACTIVE + " HTTP/1.0\r\n\r\n",
        "GET /v1/chain HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")) {
      try (Socket s = connect()) {
        send(s, request);
        Response r = read(s, false);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers()).containsEntry("connection", "close");
        assertThat(s.getInputStream().read()).as("closed after " + request).isEqualTo(-1);
      }
    }
  }

  @Test
  void servesTheNewEpochOnceItIsApplied() throws IOException {
    for (int i = 0; i < 2; i++) {
      String kind = i == 0 ? NodeKind.MIXNODE : NodeKind.GATEWAY;
      assertThat(replica.submit(chain.bondTx(i, 0, NodeKeys.generate(), kind,
          200 * TestChain.NYM, 4000 + i)).join().accepted()).isTrue();
    }
    try (Socket s = connect()) {
      send(s, get("/api/v1/nym-nodes/rewarded-set"));
      assertThat(read(s, false).headers()).containsEntry("x-nym-epoch", "0");
      assertThat(replica.submit(Tx.advanceEpoch(TestChain.CHAIN, chain.validator, 1,
          chain.genesis.genesisTimeMillis() + 1000)).join().accepted()).isTrue();
      // Prepared before the transaction's result was returned: no wait needed.
      send(s, get("/api/v1/nym-nodes/rewarded-set"));
      Response r = read(s, false);
      assertThat(r.headers()).containsEntry("x-nym-epoch", "1");
      assertThat(r.text()).startsWith("{\"epoch_id\":1,");
      assertThat(verifies(r, "/v1/nym-nodes/rewarded-set")).isTrue();
    }
  }

  @Test
  void countsAndRefusesBadInputAndClosesTheConnection() throws IOException {
    List<String> bad = List.of(
        "GET /" + "a".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(9000) + "\r\n\r\n",
        "GET /api/v1/accounts/%zz HTTP/1.1\r\nHost: x\r\n\r\n",
        "POST /v1/tx HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n",
        "POST /v1/tx HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "8000\r\n" + "c".repeat(0x8000) + "\r\n8001\r\n" + "c".repeat(0x8001)
            + "\r\n0\r\n\r\n");
    List<Integer> expected = List.of(400, 400, 400, 413, 413);
    for (int i = 0; i < bad.size(); i++) {
      try (Socket s = connect()) {
        send(s, bad.get(i));
        Response r = read(s, false);
        assertThat(r.status()).as("request %d", i).isEqualTo(expected.get(i));
        assertThat(r.headers()).containsEntry("connection", "close");
        assertThat(r.text()).startsWith("{\"message\":");
        assertThat(s.getInputStream().read()).isEqualTo(-1);
      }
    }
    int count = bad.size();
    await().atMost(Duration.ofSeconds(5)).until(() -> server.refused() == count);
    // The server still answers.
    try (Socket s = connect()) {
      send(s, get(ACTIVE));
      assertThat(read(s, false).status()).isEqualTo(200);
    }
  }

  @Test
  void aReadWaitingForTheLedgerLockHoldsUpNoTopologyRequest() throws Exception {
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    // As a batch being applied holds the ledger lock while it verifies signatures.
    Thread holder = new Thread(() -> replica.stateMachine().read(l -> {
      holding.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return null;
    }));
    holder.start();
    try (Socket slow = connect(); Socket fast = connect()) {
      holding.await();
      send(slow, get("/api/v1/health"));
      await().atMost(Duration.ofSeconds(5)).until(() -> Thread.getAllStackTraces().keySet()
          .stream().anyMatch(t -> t.getName().equals("validator-v0-api-reads")
              && t.getState() == Thread.State.BLOCKED));
      // The one event loop still serves the topology.
      send(fast, get(ACTIVE));
      assertThat(read(fast, false).status()).isEqualTo(200);
      release.countDown();
      assertThat(read(slow, false).text()).contains("\"status\":\"up\"");
    } finally {
      release.countDown();
      holder.join();
    }
  }

  @Test
  void postToATopologyRouteIsNotAllowed() throws IOException {
    try (Socket s = connect()) {
      send(s, "POST " + ACTIVE + " HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}");
      assertThat(read(s, false).status()).isEqualTo(405);
    }
  }
}
