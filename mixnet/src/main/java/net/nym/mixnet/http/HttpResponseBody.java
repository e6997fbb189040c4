package net.nym.mixnet.http;

import java.nio.charset.StandardCharsets;

/**
 * What a route answers: a status, a content type and the body bytes.
 *
 * @param status the HTTP status code
 * @param contentType the {@code Content-Type}
 * @param body the body
 */
public record HttpResponseBody(int status, String contentType, byte[] body) {

  /** A 200 response with a UTF-8 text body of {@code contentType}. */
  public static HttpResponseBody ok(String contentType, String text) {
    return new HttpResponseBody(200, contentType, text.getBytes(StandardCharsets.UTF_8));
  }
}
