package net.nym.crypto.encoding;

import java.util.Arrays;

/**
 * Base58 with the Bitcoin alphabet, as Nym's {@code bs58} crate writes keys and addresses.
 *
 * <p>Leading zero bytes are written as leading {@code '1'} characters and read back the same way.
 */
public final class Base58 {
  private static final char[] ALPHABET =
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
  private static final int[] INDEXES = new int[128];

  static {
    Arrays.fill(INDEXES, -1);
    for (int i = 0; i < ALPHABET.length; i++) {
      INDEXES[ALPHABET[i]] = i;
    }
  }

  private Base58() {}

  /** Encodes {@code input} as base58 text. */
  public static String encode(byte[] input) {
    if (input.length == 0) {
      return "";
    }
    int zeros = 0;
    while (zeros < input.length && input[zeros] == 0) {
      zeros++;
    }
    byte[] number = Arrays.copyOf(input, input.length);
    char[] encoded = new char[input.length * 2];
    int outputStart = encoded.length;
    for (int inputStart = zeros; inputStart < number.length; ) {
      encoded[--outputStart] = ALPHABET[divmod(number, inputStart, 256, 58)];
      if (number[inputStart] == 0) {
        inputStart++;
      }
    }
    while (outputStart < encoded.length && encoded[outputStart] == ALPHABET[0]) {
      outputStart++;
    }
    while (--zeros >= 0) {
      encoded[--outputStart] = ALPHABET[0];
    }
    return new String(encoded, outputStart, encoded.length - outputStart);
  }

  /**
   * Decodes base58 text.
   *
   * @throws IllegalArgumentException naming the first character that is not in the alphabet
   */
  public static byte[] decode(String input) {
    if (input.isEmpty()) {
      return new byte[0];
    }
    byte[] input58 = new byte[input.length()];
    for (int i = 0; i < input.length(); i++) {
      char c = input.charAt(i);
      int digit = c < 128 ? INDEXES[c] : -1;
      if (digit < 0) {
        throw new IllegalArgumentException(
            "invalid base58 character '" + c + "' at position " + i);
      }
      input58[i] = (byte) digit;
    }
    int zeros = 0;
    while (zeros < input58.length && input58[zeros] == 0) {
      zeros++;
    }
    byte[] decoded = new byte[input.length()];
    int outputStart = decoded.length;
    for (int inputStart = zeros; inputStart < input58.length; ) {
      decoded[--outputStart] = divmod(input58, inputStart, 58, 256);
      if (input58[inputStart] == 0) {
        inputStart++;
      }
    }
    while (outputStart < decoded.length && decoded[outputStart] == 0) {
      outputStart++;
    }
    return Arrays.copyOfRange(decoded, outputStart - zeros, decoded.length);
  }

  /**
   * Decodes base58 text that must hold exactly {@code length} bytes.
   *
   * @param what what the text is, for the error message (e.g. "ed25519 identity key")
   * @throws IllegalArgumentException if the text is not base58 or decodes to another length
   */
  public static byte[] decodeExact(String input, int length, String what) {
    byte[] bytes;
    try {
      bytes = decode(input);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
    }
    if (bytes.length != length) {
      throw new IllegalArgumentException(
          what + ": expected " + length + " bytes in base58, got " + bytes.length);
    }
    return bytes;
  }

  private static byte divmod(byte[] number, int firstDigit, int base, int divisor) {
    int remainder = 0;
    for (int i = firstDigit; i < number.length; i++) {
      int digit = number[i] & 0xFF;
      int temp = remainder * base + digit;
      number[i] = (byte) (temp / divisor);
      remainder = temp % divisor;
    }
    return (byte) remainder;
  }
}
