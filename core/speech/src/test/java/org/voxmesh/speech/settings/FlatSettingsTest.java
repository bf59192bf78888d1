package org.voxmesh.speech.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FlatSettingsTest {

  private static final Set<String> KNOWN =
      Set.of("engine", "x.count", "x.on", "x.dir", "x.wait-ms", "x.max-seconds", "x.url");

  private static FlatSettings of(Map<String, String> values) {
    return new FlatSettings("test engine", values, KNOWN);
  }

  @Test
  void aMisspelledKeyIsRefusedWithTheKnownKeysInOrder() {
    assertThatThrownBy(() -> of(Map.of("x.cuont", "3")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown test engine setting 'x.cuont'; known: "
                + "[engine, x.count, x.dir, x.max-seconds, x.on, x.url, x.wait-ms]");
  }

  @Test
  void missingOrBlankValuesMeanTheDefaults() {
    FlatSettings s = of(Map.of("x.count", " ", "x.on", ""));
    assertThat(s.integer("x.count", 7)).isEqualTo(7);
    assertThat(s.bool("x.on", true)).isTrue();
    assertThat(s.path("x.dir", Path.of("/d"))).isEqualTo(Path.of("/d"));
    assertThat(s.millis("x.wait-ms", Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(2));
    assertThat(s.seconds("x.max-seconds", Duration.ofMinutes(1))).isEqualTo(Duration.ofMinutes(1));
    assertThat(s.string("x.url")).isNull();
    assertThat(s.string("engine", "first")).isEqualTo("first");
  }

  @Test
  void valuesAreReadAroundSurroundingBlanks() {
    FlatSettings s =
        of(
            Map.of(
                "x.count", " 12 ",
                "x.on", "YES",
                "x.dir", " /models/en ",
                "x.wait-ms", "250",
                "x.max-seconds", "90"));
    assertThat(s.integer("x.count", 0)).isEqualTo(12);
    assertThat(s.bool("x.on", false)).isTrue();
    assertThat(s.path("x.dir", null)).isEqualTo(Path.of("/models/en"));
    assertThat(s.millis("x.wait-ms", Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
    assertThat(s.seconds("x.max-seconds", Duration.ZERO)).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void theEngineNameIsKeptAsGivenEvenWhenBlank() {
    // A blank engine must fail as an unknown engine, not quietly fall back to the default one.
    assertThat(of(Map.of("engine", "")).string("engine", "first")).isEmpty();
  }

  @Test
  void badValuesAreExplainedByKeyAndValue() {
    assertThatThrownBy(() -> of(Map.of("x.count", "many")).integer("x.count", 1))
        .hasMessage("x.count must be an integer, got 'many'");
    assertThatThrownBy(() -> of(Map.of("x.wait-ms", "1.5")).millis("x.wait-ms", Duration.ZERO))
        .hasMessage("x.wait-ms must be an integer, got '1.5'");
    assertThatThrownBy(() -> of(Map.of("x.on", "maybe")).bool("x.on", false))
        .hasMessage("x.on must be true or false, got 'maybe'");
  }

  @Test
  void aRequiredValueThatIsMissingOrBlankFailsWithTheCallersMessage() {
    assertThat(of(Map.of("x.url", "http://h/v1")).required("x.url", "needs x.url"))
        .isEqualTo("http://h/v1");
    assertThatThrownBy(() -> of(Map.of()).required("x.url", "needs x.url"))
        .hasMessage("needs x.url");
    assertThatThrownBy(() -> of(Map.of("x.url", "  ")).required("x.url", "needs x.url"))
        .hasMessage("needs x.url");
  }
}
