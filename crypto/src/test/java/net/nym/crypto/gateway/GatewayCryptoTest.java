package net.nym.crypto.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Known-answer tests: BLAKE3's official test vectors (test_vectors.json, the 32-byte default
 * output), RFC 8452 Appendix C (AES-GCM-SIV), HMAC-BLAKE3 against a by-hand RFC 2104 computation,
 * HKDF-BLAKE3 against RFC 5869 written out with that HMAC, and the two gateway key kinds.
 */
class GatewayCryptoTest {
  private static final HexFormat HEX = HexFormat.of();

  /** The official vectors' input: 0, 1, ..., 250, 0, 1, ... */
  private static byte[] input(int len) {
    byte[] b = new byte[len];
    for (int i = 0; i < len; i++) {
      b[i] = (byte) (i % 251);
    }
    return b;
  }

  @Test
  void blake3OfficialVectors() {
    assertThat(HEX.formatHex(Blake3.hash(input(0))))
        .isEqualTo("af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262");
    assertThat(HEX.formatHex(Blake3.hash(input(1))))
        .isEqualTo("2d3adedff11b61f14c886e35afa036736dcd87a74d27b5c1510225d0f592e213");
    assertThat(HEX.formatHex(Blake3.hash(input(1023))))
        .isEqualTo("10108970eeda3eb932baac1428c7a2163b0e924c9a9e25b35bba72b28f70bd11");
    assertThat(HEX.formatHex(Blake3.hash(input(1024))))
        .isEqualTo("42214739f095a406f3fc83deb889744ac00df831c10daa55189b5d121c855af7");
    assertThat(HEX.formatHex(Blake3.hash(input(2048))))
        .isEqualTo("e776b6028c7cd22a4d0ba182a8bf62205d2ef576467e838ed6f2529b85fba24a");
    assertThat(HEX.formatHex(Blake3.hash(input(1000), Arrays.copyOfRange(input(1023), 1000, 1023))))
        .as("parts are concatenated")
        .isEqualTo("10108970eeda3eb932baac1428c7a2163b0e924c9a9e25b35bba72b28f70bd11");
  }

  private static byte[] gcmSiv(String key, String nonce, String pt) throws Exception {
    return Aes256GcmSiv.encrypt(HEX.parseHex(key), HEX.parseHex(nonce), HEX.parseHex(pt));
  }

  @Test
  void gcmSivRfc8452Vectors() throws Exception {
    String k128 = "01000000000000000000000000000000";
    String k256 = k128 + "00000000000000000000000000000000";
    String nonce = "030000000000000000000000";
    // C.1 AEAD_AES_128_GCM_SIV
    assertThat(HEX.formatHex(gcmSiv(k128, nonce, "")))
        .isEqualTo("dc20e2d83f25705bb49e439eca56de25");
    assertThat(HEX.formatHex(gcmSiv(k128, nonce, "0100000000000000")))
        .isEqualTo("b5d839330ac7b786578782fff6013b815b287c22493a364c");
    // C.2 AEAD_AES_256_GCM_SIV
    assertThat(HEX.formatHex(gcmSiv(k256, nonce, "")))
        .isEqualTo("07f5f4169bbf55a8400cd47ea6fd400f");
    assertThat(HEX.formatHex(gcmSiv(k256, nonce, "0100000000000000")))
        .isEqualTo("c2ef328e5c71c83b843122130f7364b761e0b97427e3df28");
    byte[] ct = HEX.parseHex("c2ef328e5c71c83b843122130f7364b761e0b97427e3df28");
    assertThat(HEX.formatHex(Aes256GcmSiv.decrypt(HEX.parseHex(k256), HEX.parseHex(nonce), ct)))
        .isEqualTo("0100000000000000");
    ct[3] ^= 1;
    assertThatThrownBy(() -> Aes256GcmSiv.decrypt(HEX.parseHex(k256), HEX.parseHex(nonce), ct))
        .isInstanceOf(GatewayCryptoException.class);
    assertThatThrownBy(() -> Aes256GcmSiv.decrypt(HEX.parseHex(k256), new byte[11], ct))
        .isInstanceOf(GatewayCryptoException.class);
  }

  /** RFC 2104 written out with BLAKE3 (block 64). */
  private static byte[] hmacByHand(byte[] key, byte[] msg) {
    byte[] k = key.length > 64 ? Blake3.hash(key) : key;
    byte[] ipad = new byte[64];
    byte[] opad = new byte[64];
    for (int i = 0; i < 64; i++) {
      byte b = i < k.length ? k[i] : 0;
      ipad[i] = (byte) (b ^ 0x36);
      opad[i] = (byte) (b ^ 0x5c);
    }
    return Blake3.hash(opad, Blake3.hash(ipad, msg));
  }

  @Test
  void hmacBlake3IsRfc2104() {
    for (int keyLen : new int[] {0, 16, 32, 64, 65, 100}) {
      byte[] key = input(keyLen);
      byte[] msg = input(300);
      assertThat(Blake3Hmac.mac(key, msg)).isEqualTo(hmacByHand(key, msg));
    }
  }

  @Test
  void hkdfBlake3IsRfc5869() {
    byte[] salt = input(16);
    byte[] ikm = input(32);
    byte[] prk = hmacByHand(salt, ikm);
    byte[] t1 = hmacByHand(prk, new byte[] {1});
    byte[] t2 = hmacByHand(prk, concat(t1, new byte[] {2}));
    byte[] okm = Blake3Hkdf.derive(salt, ikm, null, 40);
    assertThat(okm).isEqualTo(Arrays.copyOf(concat(t1, t2), 40));
    byte[] noSalt = Blake3Hkdf.derive(null, ikm, null, 32);
    assertThat(noSalt).isEqualTo(hmacByHand(hmacByHand(new byte[32], ikm), new byte[] {1}));
    // Our fixed vector (docs/protocol/gateway.md): salt = 0..15, ikm = 0..31, L = 32.
    assertThat(HEX.formatHex(Blake3Hkdf.derive(salt, ikm, null, 32)))
        .isEqualTo(HEX.formatHex(Arrays.copyOf(t1, 32)));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void legacyKeyTagsAndEncrypts() throws Exception {
    LegacySharedKey key = new LegacySharedKey(input(32));
    byte[] pt = input(100);
    byte[] ct = key.encrypt(pt, null);
    assertThat(ct).hasSize(132);
    assertThat(Arrays.copyOf(ct, 32))
        .isEqualTo(Blake3Hmac.mac(Arrays.copyOfRange(input(32), 16, 32),
            Arrays.copyOfRange(ct, 32, 132)));
    assertThat(Arrays.copyOfRange(ct, 32, 132)).isEqualTo(key.encryptNaive(pt, new byte[16]));
    assertThat(key.decrypt(ct, null)).isEqualTo(pt);
    ct[40] ^= 1;
    assertThatThrownBy(() -> key.decrypt(ct, null)).isInstanceOf(GatewayCryptoException.class)
        .hasMessageContaining("MAC");
    assertThat(key.toBytes()).isEqualTo(input(32));
  }

  @Test
  void ctr64WrapsItsLowHalfOnly() {
    byte[] k = input(16);
    byte[] iv = HEX.parseHex("0102030405060708ffffffffffffffff");
    byte[] data = new byte[48];
    byte[] ks = Ctr64Be.apply(k, iv, data);
    // Block 0 uses counter ..ff; block 1 wraps to high || 0 (not high+1 || 0).
    byte[] restart = HEX.parseHex("01020304050607080000000000000000");
    assertThat(Arrays.copyOfRange(ks, 16, 48))
        .isEqualTo(Ctr64Be.apply(k, restart, new byte[32]));
  }

  @Test
  void currentKeyIsAead() throws Exception {
    CurrentSharedKey key = new CurrentSharedKey(input(32));
    byte[] nonce = input(12);
    byte[] ct = key.encrypt(input(32), nonce);
    assertThat(ct).hasSize(48);
    assertThat(key.decrypt(ct, nonce)).isEqualTo(input(32));
    assertThat(key.encryptNaive(input(32), nonce)).isEqualTo(ct);
    assertThatThrownBy(() -> new CurrentSharedKey(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void handshakeDerivationPicksTheKeyKind() {
    byte[] dh = input(32);
    assertThat(GatewaySharedKey.derive(dh, input(16))).isInstanceOf(CurrentSharedKey.class);
    assertThat(GatewaySharedKey.derive(dh, null)).isInstanceOf(LegacySharedKey.class);
    assertThat(GatewaySharedKey.derive(dh, null).toBytes())
        .isEqualTo(Blake3Hkdf.derive(null, dh, null, 32));
  }
}
