package net.nym.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({
    "PT0S, 0s",
    "PT0.25S, 250ms",
    "PT10S, 10s",
    "PT1M30S, 1m 30s",
    "PT36H, 36h",
    "PT1H0.000001001S, 1h 1us 1ns",
    "PT1.5S, 1s 500ms"
  })
  void formatsLargestUnitsFirstAndParsesBack(String iso, String text) {
    Duration d = Duration.parse(iso);

    assertThat(Durations.format(d)).isEqualTo(text);
    assertThat(Durations.parse(text)).isEqualTo(d);
  }

  @Test
  void parsesCompactAndDayForms() {
    assertThat(Durations.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse(" 2d ")).isEqualTo(Duration.ofDays(2));
    assertThat(Durations.parse("1s 1s")).isEqualTo(Duration.ofSeconds(2));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "10", "s", "10 sec", "1.5s", "-1s", "10s x", "1h30"})
  void rejectsWhatIsNotADuration(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a duration such as \"10s\"");
  }

  @Test
  void rejectsOverflowAndNegativeDurations() {
    assertThatThrownBy(() -> Durations.parse("99999999999999999999s"))
        .hasMessageContaining("too large");
    assertThatThrownBy(() -> Durations.parse("9223372036854775807us"))
        .hasMessageContaining("too large");
    assertThatThrownBy(() -> Durations.format(Duration.ofMillis(-1)))
        .hasMessageContaining("cannot be negative");
  }
}
