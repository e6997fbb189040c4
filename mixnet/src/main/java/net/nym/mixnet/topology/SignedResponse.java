package net.nym.mixnet.topology;

/**
 * One validator's answer to a topology request, as received.
 *
 * @param validator the {@code X-Nym-Validator} header (base58 key)
 * @param path the request path without query
 * @param epoch the {@code X-Nym-Epoch} header
 * @param body the response body bytes
 * @param signature the {@code X-Nym-Signature} header (base58)
 */
public record SignedResponse(
    String validator, String path, long epoch, byte[] body, String signature) {}
