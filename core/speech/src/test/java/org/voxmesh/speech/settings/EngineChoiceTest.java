package org.voxmesh.speech.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EngineChoiceTest {

  enum Kind implements EngineChoice {
    LOCAL("local"),
    OPENAI_COMPATIBLE("openai-compatible");

    private final String id;

    Kind(String id) {
      this.id = id;
    }

    @Override
    public String id() {
      return id;
    }
  }

  @Test
  void anEngineIsChosenByItsIdInAnyCase() {
    assertThat(EngineChoice.parse(Kind.class, " OpenAI-Compatible ", "test"))
        .isEqualTo(Kind.OPENAI_COMPATIBLE);
    assertThat(EngineChoice.parse(Kind.class, "local", "test")).isEqualTo(Kind.LOCAL);
  }

  @Test
  void anUnknownOrMissingEngineListsTheChoices() {
    assertThatThrownBy(() -> EngineChoice.parse(Kind.class, "vosk", "test"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown test engine 'vosk'; choose one of local, openai-compatible");
    assertThatThrownBy(() -> EngineChoice.parse(Kind.class, null, "test"))
        .hasMessage("unknown test engine 'null'; choose one of local, openai-compatible");
  }
}
