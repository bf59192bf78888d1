package org.voxmesh.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.voxmesh.protocol.client.ClientEvent;
import org.voxmesh.protocol.server.ServerEvent;

/** Every record of both sealed families has a unique name in the GA table; beta is not available yet. */
class RegistryTest {

  @Test
  void everyClientEventHasAGaName() {
    EventNames ga = EventNames.of(Dialect.GA);
    assertThat(ga.client().keySet()).containsExactlyInAnyOrder(permitted(ClientEvent.class));
    assertThat(new HashSet<>(ga.client().values())).hasSameSizeAs(ga.client().values());
  }

  @Test
  void everyServerEventHasAGaName() {
    EventNames ga = EventNames.of(Dialect.GA);
    assertThat(ga.server().keySet()).containsExactlyInAnyOrder(permitted(ServerEvent.class));
    assertThat(new HashSet<>(ga.server().values())).hasSameSizeAs(ga.server().values());
  }

  @Test
  void betaIsNotYetSupported() {
    assertThatThrownBy(() -> RealtimeJson.of(Dialect.BETA)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> EventNames.of(Dialect.BETA)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void gaCodecIsASingleton() {
    assertThat(RealtimeJson.of(Dialect.GA)).isSameAs(RealtimeJson.of(Dialect.GA));
    assertThat(RealtimeJson.of(Dialect.GA).dialect()).isEqualTo(Dialect.GA);
  }

  @SuppressWarnings("unchecked")
  private static <T> Class<? extends T>[] permitted(Class<T> sealed) {
    return List.of(sealed.getPermittedSubclasses()).toArray(new Class[0]);
  }
}
