package net.nym.crypto.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMSIVBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/**
 * Our AES-256-GCM-SIV (JDK AES + our POLYVAL) against RFC 8452 appendix C (the AES-256 vectors
 * without associated data, and C.3's counter-wrap vectors) and, as an oracle, Bouncy Castle's
 * {@code GCMSIVBlockCipher} over random keys, nonces and every length from 0 to 5000.
 */
class Aes256GcmSivTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final String K1 = "0100000000000000000000000000000000000000000000000000000000000000";
  private static final String N3 = "030000000000000000000000";

  private static void vector(String key, String nonce, String pt, String sealed) throws Exception {
    byte[] k = HEX.parseHex(key);
    byte[] n = HEX.parseHex(nonce);
    assertThat(HEX.formatHex(Aes256GcmSiv.encrypt(k, n, HEX.parseHex(pt)))).isEqualTo(sealed);
    assertThat(HEX.formatHex(Aes256GcmSiv.decrypt(k, n, HEX.parseHex(sealed)))).isEqualTo(pt);
  }

  @Test
  void rfc8452AppendixC2WithoutAssociatedData() throws Exception {
    vector(K1, N3, "", "07f5f4169bbf55a8400cd47ea6fd400f");
    vector(K1, N3, "0100000000000000", "c2ef328e5c71c83b843122130f7364b761e0b97427e3df28");
    vector(K1, N3, "010000000000000000000000",
        "9aab2aeb3faa0a34aea8e2b18ca50da9ae6559e48fd10f6e5c9ca17e");
    vector(K1, N3, "01000000000000000000000000000000",
        "85a01b63025ba19b7fd3ddfc033b3e76c9eac6fa700942702e90862383c6c366");
    vector(K1, N3, "0100000000000000000000000000000002000000000000000000000000000000",
        "4a6a9db4c8c6549201b9edb53006cba821ec9cf850948a7c86c68ac7539d027f"
            + "e819e63abcd020b006a976397632eb5d");
    vector(K1, N3, "01000000000000000000000000000000020000000000000000000000000000000"
        + "3000000000000000000000000000000",
        "c00d121893a9fa603f48ccc1ca3c57ce7499245ea0046db16c53c7c66fe717e3"
            + "9cf6c748837b61f6ee3adcee17534ed5790bc96880a99ba804bd12c0e6a22cc4");
    vector(K1, N3, "01000000000000000000000000000000020000000000000000000000000000000"
        + "300000000000000000000000000000004000000000000000000000000000000",
        "c2d5160a1f8683834910acdafc41fbb1632d4a353e8b905ec9a5499ac34f96c7"
            + "e1049eb080883891a4db8caaa1f99dd004d80487540735234e3744512c6f90ce"
            + "112864c269fc0d9d88c61fa47e39aa08");
    vector("e66021d5eb8e4f4066d4adb9c33560e4f46e44bb3da0015c94f7088736864200",
        "e0eaf5284d884a0e77d31646", "", "169fbb2fbf389a995f6390af22228a62");
  }

  @Test
  void rfc8452AppendixC3CounterWrapsItsFirstWordOnly() throws Exception {
    String zero = "0000000000000000000000000000000000000000000000000000000000000000";
    vector(zero, "000000000000000000000000",
        "000000000000000000000000000000004db923dc793ee6497c76dcc03a98e108",
        "f3f80f2cf0cb2dd9c5984fcda908456cc537703b5ba70324a6793a7bf218d3ea"
            + "ffffffff000000000000000000000000");
    vector(zero, "000000000000000000000000", "eb3640277c7ffd1303c7a542d02d3e4c0000000000000000",
        "18ce4f0b8cb4d0cac65fea8f79257b20888e53e72299e56dffffffff000000000000000000000000");
  }

  private static byte[] bc(boolean encrypt, byte[] key, byte[] nonce, byte[] in)
      throws InvalidCipherTextException {
    GCMSIVBlockCipher c = new GCMSIVBlockCipher(AESEngine.newInstance());
    c.init(encrypt, new AEADParameters(new KeyParameter(key), 128, nonce));
    byte[] out = new byte[c.getOutputSize(in.length)];
    int n = c.processBytes(in, 0, in.length, out, 0);
    c.doFinal(out, n);
    return out;
  }

  @Test
  void agreesWithBouncyCastleForEveryLengthUpTo5000() throws Exception {
    SplittableRandom random = new SplittableRandom(8452);
    byte[] key = new byte[32];
    byte[] nonce = new byte[12];
    for (int len = 0; len <= 5000; len++) {
      random.nextBytes(key);
      random.nextBytes(nonce);
      byte[] pt = new byte[len];
      random.nextBytes(pt);
      byte[] ours = Aes256GcmSiv.encrypt(key, nonce, pt);
      assertThat(ours).as("length %d", len).isEqualTo(bc(true, key, nonce, pt));
      assertThat(Aes256GcmSiv.decrypt(key, nonce, ours)).isEqualTo(pt);
      // Tampering with any byte, tag included, is refused by both.
      byte[] bad = ours.clone();
      bad[random.nextInt(bad.length)] ^= (byte) (1 << random.nextInt(8));
      assertThatThrownBy(() -> Aes256GcmSiv.decrypt(key, nonce, bad))
          .as("length %d", len).isInstanceOf(GatewayCryptoException.class);
      assertThatThrownBy(() -> bc(false, key, nonce, bad))
          .isInstanceOf(InvalidCipherTextException.class);
    }
  }

  @Test
  void inPlaceAndAtOffsetsAsTheGatewayUsesIt() throws Exception {
    SplittableRandom random = new SplittableRandom(1);
    byte[] key = new byte[32];
    random.nextBytes(key);
    byte[] pt = new byte[2413 + 50];
    random.nextBytes(pt);
    // A frame: kind, flag, nonce (12), sealed payload; opened in place after the nonce.
    byte[] frame = new byte[2 + 12 + pt.length + 16];
    random.nextBytes(frame);
    byte[] nonce = Arrays.copyOfRange(frame, 2, 14);
    System.arraycopy(pt, 0, frame, 14, pt.length);
    Aes256GcmSiv.encrypt(key, frame, 2, frame, 14, pt.length, frame, 14);
    assertThat(Arrays.copyOfRange(frame, 14, frame.length))
        .isEqualTo(bc(true, key, nonce, pt));
    int n = Aes256GcmSiv.decrypt(key, frame, 2, frame, 14, frame.length - 14, frame, 14);
    assertThat(n).isEqualTo(pt.length);
    assertThat(Arrays.copyOfRange(frame, 14, 14 + n)).isEqualTo(pt);
  }

  @Test
  void aFailedOpeningLeavesNoPlaintextAndShortInputsAreRefused() throws Exception {
    byte[] key = HEX.parseHex(K1);
    byte[] nonce = HEX.parseHex(N3);
    byte[] sealed = Aes256GcmSiv.encrypt(key, nonce, new byte[64]);
    sealed[sealed.length - 1] ^= 1;
    byte[] out = new byte[64];
    Arrays.fill(out, (byte) 7);
    assertThatThrownBy(() -> Aes256GcmSiv.decrypt(key, nonce, 0, sealed, 0, sealed.length,
        out, 0)).isInstanceOf(GatewayCryptoException.class);
    assertThat(out).containsOnly(0);
    assertThatThrownBy(() -> Aes256GcmSiv.decrypt(key, nonce, new byte[15]))
        .isInstanceOf(GatewayCryptoException.class);
    assertThatThrownBy(() -> Aes256GcmSiv.encrypt(key, new byte[11], new byte[1]))
        .isInstanceOf(GatewayCryptoException.class);
  }
}
