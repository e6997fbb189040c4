package net.nym.plugin.validator.api;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A response: status, JSON body and extra headers.
 *
 * @param status the HTTP status
 * @param body the body bytes (JSON)
 * @param headers extra headers (the topology signature)
 */
public record ApiResponse(int status, byte[] body, Map<String, String> headers) {

  /** A 200 with {@code body} and no extra headers. */
  public static ApiResponse ok(byte[] body) {
    return new ApiResponse(200, body, Map.of());
  }

  /** An error with {@code {"message": ...}}. */
  public static ApiResponse error(int status, String message) {
    String json;
    try {
      json = "{\"message\":" + ApiServer.JSON.writeValueAsString(message) + "}";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      json = "{\"message\":\"error\"}";
    }
    return new ApiResponse(status, json.getBytes(StandardCharsets.UTF_8), Map.of());
  }
}
