package org.voxmesh.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.voxmesh.protocol.Fixtures;
import org.voxmesh.protocol.client.ClientEvent;
import org.voxmesh.protocol.server.ServerEvent;

/**
 * Every record of both sealed families has a unique name in both dialect tables, or is explicitly declared
 * GA-only / beta-only ({@link EventNames#GA_ONLY_SERVER} ...), and the declarations match the tables.
 */
class RegistryTest {

  private static final EventNames GA = EventNames.of(Dialect.GA);
  private static final EventNames BETA = EventNames.of(Dialect.BETA);

  @Test
  void everyServerEventHasANameInBothDialectsOrIsDeclaredDialectOnly() {
    for (Class<?> type : ServerEvent.class.getPermittedSubclasses()) {
      boolean inGa = GA.server().containsKey(type);
      boolean inBeta = BETA.server().containsKey(type);
      assertThat(inGa || inBeta).as(type + " has no name at all").isTrue();
      assertThat(inGa).as(type + " in GA").isEqualTo(!EventNames.BETA_ONLY_SERVER.contains(type));
      assertThat(inBeta).as(type + " in beta").isEqualTo(!EventNames.GA_ONLY_SERVER.contains(type));
    }
    assertThat(new HashSet<Class<?>>(GA.server().keySet())).containsExactlyInAnyOrderElementsOf(minus(ServerEvent.class,
        EventNames.BETA_ONLY_SERVER));
    assertThat(new HashSet<Class<?>>(BETA.server().keySet())).containsExactlyInAnyOrderElementsOf(minus(ServerEvent.class,
        EventNames.GA_ONLY_SERVER));
  }

  @Test
  void everyClientEventHasANameInBothDialectsOrIsDeclaredDialectOnly() {
    assertThat(new HashSet<Class<?>>(GA.client().keySet())).containsExactlyInAnyOrderElementsOf(minus(ClientEvent.class,
        EventNames.BETA_ONLY_CLIENT));
    assertThat(new HashSet<Class<?>>(BETA.client().keySet())).containsExactlyInAnyOrderElementsOf(minus(ClientEvent.class,
        EventNames.GA_ONLY_CLIENT));
    assertThat(BETA.clientAliases()).containsOnlyKeys("transcription_session.update");
    assertThat(GA.clientAliases()).isEmpty();
  }

  @Test
  void namesAreUniquePerDialect() {
    for (EventNames names : List.of(GA, BETA)) {
      assertThat(new HashSet<>(names.serverNames())).as(names.dialect() + " server").hasSameSizeAs(
          names.serverNames());
      assertThat(new HashSet<>(names.clientNames())).as(names.dialect() + " client").hasSameSizeAs(
          names.clientNames());
    }
  }

  @Test
  void gaNeverUsesBetaNamesAndBetaNeverUsesGaOnlyNames() {
    Set<String> betaOnly = Set.of("conversation.item.created", "conversation.created", "response.text.delta",
        "response.text.done", "response.audio.delta", "response.audio.done", "response.audio_transcript.delta",
        "response.audio_transcript.done", "transcription_session.created", "transcription_session.updated",
        "transcription_session.update");
    Set<String> gaOnly = Set.of("conversation.item.added", "conversation.item.done", "response.output_text.delta",
        "response.output_text.done", "response.output_audio.delta", "response.output_audio.done",
        "response.output_audio_transcript.delta", "response.output_audio_transcript.done",
        "input_audio_buffer.timeout_triggered", "conversation.item.input_audio_transcription.segment");
    assertThat(GA.serverNames()).doesNotContainAnyElementsOf(betaOnly);
    assertThat(GA.clientNames()).doesNotContainAnyElementsOf(betaOnly);
    assertThat(BETA.serverNames()).doesNotContainAnyElementsOf(gaOnly);
    assertThat(BETA.serverNames()).containsAll(Set.of("conversation.item.created", "response.text.delta",
        "response.audio.delta", "response.audio_transcript.delta", "transcription_session.created",
        "transcription_session.updated", "conversation.created"));
  }

  @Test
  void namesResolveBackToTheirRecords() {
    for (EventNames names : List.of(GA, BETA)) {
      names.server().forEach((type, name) -> assertThat(names.serverClassOf(name)).isEqualTo(type));
      names.client().forEach((type, name) -> assertThat(names.clientClassOf(name)).isEqualTo(type));
      names.transcriptionVariants().forEach((type, name) -> assertThat(names.serverClassOf(name)).isEqualTo(type));
    }
    assertThat(BETA.clientClassOf("transcription_session.update")).isEqualTo(
        org.voxmesh.protocol.client.SessionUpdate.class);
    assertThat(GA.clientClassOf("transcription_session.update")).isNull();
  }

  @Test
  void transcriptionSessionsAreNamedByInstanceInBeta() {
    var created = org.voxmesh.protocol.server.SessionCreated.of(Fixtures.transcriptionDefault());
    var updated = org.voxmesh.protocol.server.SessionUpdated.of(Fixtures.transcriptionDefault());
    var realtime = org.voxmesh.protocol.server.SessionCreated.of(Fixtures.realtimeDefault());
    assertThat(BETA.nameOf(created)).isEqualTo("transcription_session.created");
    assertThat(BETA.nameOf(updated)).isEqualTo("transcription_session.updated");
    assertThat(BETA.nameOf(realtime)).isEqualTo("session.created");
    assertThat(GA.nameOf(created)).isEqualTo("session.created");
    assertThat(GA.nameOf(updated)).isEqualTo("session.updated");
  }

  @Test
  void codecsAreSingletonsPerDialect() {
    assertThat(RealtimeJson.of(Dialect.GA)).isSameAs(RealtimeJson.of(Dialect.GA));
    assertThat(RealtimeJson.of(Dialect.BETA)).isSameAs(RealtimeJson.of(Dialect.BETA));
    assertThat(RealtimeJson.of(Dialect.GA).dialect()).isEqualTo(Dialect.GA);
    assertThat(RealtimeJson.of(Dialect.BETA).dialect()).isEqualTo(Dialect.BETA);
  }

  private static Set<Class<?>> minus(Class<?> sealed, Set<? extends Class<?>> excluded) {
    Set<Class<?>> out = new HashSet<>(List.of(sealed.getPermittedSubclasses()));
    out.removeAll(excluded);
    return out;
  }
}
