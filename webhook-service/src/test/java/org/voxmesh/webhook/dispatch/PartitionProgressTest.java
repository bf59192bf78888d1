package org.voxmesh.webhook.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PartitionProgressTest {

  @Test
  @DisplayName("The committable offset stops at the first unfinished record, whatever finished after it")
  void commitsOnlyTheFinishedPrefix() {
    PartitionProgress p = new PartitionProgress();
    PartitionProgress.Slot s10 = p.track(10);
    PartitionProgress.Slot s11 = p.track(11);
    PartitionProgress.Slot s14 = p.track(14); // gaps happen (compaction, transactions)
    assertThat(p.committable()).isEqualTo(-1);
    p.done(s11);
    p.done(s14);
    assertThat(p.committable()).isEqualTo(-1);
    assertThat(p.hasUncommitted()).isFalse();
    p.done(s10);
    assertThat(p.committable()).isEqualTo(15);
    assertThat(p.hasUncommitted()).isTrue();
    p.committed(15);
    assertThat(p.hasUncommitted()).isFalse();
    assertThat(p.pending()).isZero();
  }

  @Test
  void offsetsMustIncrease() {
    PartitionProgress p = new PartitionProgress();
    p.track(5);
    assertThatThrownBy(() -> p.track(5)).isInstanceOf(IllegalStateException.class);
  }
}
