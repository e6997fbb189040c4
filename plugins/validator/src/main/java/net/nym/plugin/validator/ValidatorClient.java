package net.nym.plugin.validator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.nym.mixnet.topology.SignedResponse;
import net.nym.mixnet.topology.TopologySignature;
import net.nym.plugin.validator.ledger.Canonical;
import net.nym.plugin.validator.ledger.Tx;

/**
 * The CLI's client of validator HTTP APIs: tries each validator URL in turn (connect timeout 3 s,
 * request timeout 15 s, one attempt each), so a command fails within a bounded time with an
 * error naming every validator and why it did not answer.
 */
final class ValidatorClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<URI> bases;
  private final HttpClient http;

  ValidatorClient(List<String> urls) {
    if (urls == null || urls.isEmpty()) {
      throw new IllegalArgumentException("no validator URL given (--validator)");
    }
    this.bases = new ArrayList<>();
    for (String u : urls) {
      String s = u.strip();
      if (!s.endsWith("/")) {
        s = s + "/";
      }
      URI uri = URI.create(s);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          || uri.getHost() == null) {
        throw new IllegalArgumentException("--validator: '" + u + "' is not an http(s) URL");
      }
      bases.add(uri);
    }
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  }

  /** A response from one validator. */
  record Answer(URI base, int status, byte[] body, java.net.http.HttpHeaders headers) {
    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }
  }

  /** GET {@code path} from the first validator that answers. */
  Answer get(String path) throws IOException {
    return first(base -> send(base, HttpRequest.newBuilder(resolve(base, path)).GET()));
  }

  /** GET {@code path} from every validator; those that do not answer are left out. */
  List<Answer> getAll(String path) {
    List<Answer> all = new ArrayList<>();
    for (URI base : bases) {
      try {
        all.add(send(base, HttpRequest.newBuilder(resolve(base, path)).GET()));
      } catch (IOException e) {
        // counted as not signing
      }
    }
    return all;
  }

  /** POSTs a transaction to the first validator that answers. */
  Answer submit(Tx tx) throws IOException {
    byte[] body = Canonical.bytes(tx);
    return first(base -> send(base, HttpRequest.newBuilder(resolve(base, "v1/tx"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))));
  }

  /** The signed topology response of {@code a} for {@code path}. */
  static SignedResponse signed(Answer a, String path) {
    long epoch = a.headers().firstValue(TopologySignature.EPOCH).map(Long::parseLong).orElse(-1L);
    return new SignedResponse(a.headers().firstValue(TopologySignature.VALIDATOR).orElse(null),
        path, epoch, a.body(), a.headers().firstValue(TopologySignature.SIGNATURE).orElse(null));
  }

  private static URI resolve(URI base, String path) {
    return base.resolve(path.startsWith("/") ? path.substring(1) : path);
  }

  private interface Call {
    Answer call(URI base) throws IOException;
  }

  private Answer first(Call call) throws IOException {
    List<String> failures = new ArrayList<>();
    for (URI base : bases) {
      try {
        Answer a = call.call(base);
        if (a.status() >= 500 && a.status() != 503) {
          failures.add(base + " (HTTP " + a.status() + ")");
          continue;
        }
        return a;
      } catch (IOException e) {
        failures.add(base + " (" + why(e) + ")");
      }
    }
    throw new IOException("no validator answered: " + String.join(", ", failures));
  }

  private Answer send(URI base, HttpRequest.Builder req) throws IOException {
    try {
      HttpResponse<byte[]> r = http.send(req.timeout(Duration.ofSeconds(15)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      return new Answer(base, r.statusCode(), r.body(), r.headers());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static String why(IOException e) {
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    if (e instanceof HttpTimeoutException) {
      return "timed out";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** The error message of a non-2xx answer. */
  static String message(Answer a) {
    try {
      JsonNode j = a.json();
      if (j.hasNonNull("reason")) {
        return j.get("reason").asText();
      }
      if (j.hasNonNull("message")) {
        return j.get("message").asText();
      }
    } catch (IOException e) {
      // fall through
    }
    return "HTTP " + a.status();
  }
}
