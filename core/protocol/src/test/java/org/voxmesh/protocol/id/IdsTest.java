package org.voxmesh.protocol.id;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdsTest {

  @Test
  void formatsMatchTheSpec() {
    assertThat(Ids.eventId()).matches("event_[0-9A-Za-z]{21}");
    assertThat(Ids.sessionId()).matches("sess_[0-9A-Za-z]{21}");
    assertThat(Ids.itemId()).matches("item_[0-9A-Za-z]{21}");
    assertThat(Ids.responseId()).matches("resp_[0-9A-Za-z]{21}");
    assertThat(Ids.conversationId()).matches("conv_[0-9A-Za-z]{21}");
    assertThat(Ids.callId()).matches("call_[0-9A-Za-z]{16}");
    assertThat(Ids.ephemeralKey()).matches("ek_[0-9a-f]{32}");
  }

  @Test
  void idsAreUniqueAndTimeOrdered() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      assertThat(seen.add(Ids.eventId())).isTrue();
    }
    String earlier = Ids.timeOrdered("event_", 1_700_000_000_000L);
    String later = Ids.timeOrdered("event_", 1_700_000_000_001L);
    assertThat(earlier.substring(0, 13)).isLessThan(later.substring(0, 13));
    String muchLater = Ids.timeOrdered("event_", 3_000_000_000_000L);
    assertThat(later).isLessThan(muchLater);
  }

  @Test
  void secretsDoNotRepeat() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      assertThat(seen.add(Ids.ephemeralKey())).isTrue();
    }
  }
}
