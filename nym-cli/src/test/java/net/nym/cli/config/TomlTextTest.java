package net.nym.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TomlTextTest {

  @ParameterizedTest
  @CsvSource({
    "port, port",
    "listeningPort, listening_port",
    "privateIdentityKeyFile, private_identity_key_file",
    "httpAPIPort, http_api_port",
    "ipv4Address, ipv4_address",
    "maxRetries2, max_retries2",
    "URL, url"
  })
  void keysAreSnakeCase(String javaName, String key) {
    assertThat(TomlText.keyName(javaName)).isEqualTo(key);
  }

  @Test
  void basicStringsEscapeWhatTomlRequires() {
    assertThat(TomlText.basicString("a\"b\\c\u0000\u001f\u007f\b\f\r\n\té"))
        .isEqualTo("\"a\\\"b\\\\c\\u0000\\u001F\\u007F\\b\\f\\r\\n\\té\"");
  }

  @Test
  void commentsAreOneLinePerLineWithoutControlCharacters() {
    StringBuilder out = new StringBuilder();
    TomlText.appendComment(out, "first\n\nthird\u0000x\r\nlast  ");

    assertThat(out).hasToString("# first\n#\n# third x\n# last\n");
  }

  @Test
  void floatsUseTomlSpellings() {
    assertThat(TomlText.floatLiteral(Double.NaN)).isEqualTo("nan");
    assertThat(TomlText.floatLiteral(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
    assertThat(TomlText.floatLiteral(1e-5)).isEqualTo("1.0E-5");
    assertThat(TomlText.floatLiteral(3.0)).isEqualTo("3.0");
  }
}
