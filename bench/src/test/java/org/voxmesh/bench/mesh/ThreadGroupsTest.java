package org.voxmesh.bench.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadGroupsTest {

  @Test
  void kernelThreadNamesFallIntoTheirGroups() {
    // /proc cuts names to 15 characters
    assertThat(ThreadGroups.group("vert.x-eventloo")).isEqualTo("event_loops");
    assertThat(ThreadGroups.group("voxmesh-vad-3")).isEqualTo("vad_workers");
    assertThat(ThreadGroups.group("hz.bench.IO.thr")).isEqualTo("hazelcast");
    assertThat(ThreadGroups.group("vert.x-internal")).isEqualTo("hazelcast");
    assertThat(ThreadGroups.group("vert.x-kafka-co")).isEqualTo("kafka_clients");
    assertThat(ThreadGroups.group("C2 CompilerThre")).isEqualTo("jit");
    assertThat(ThreadGroups.group("G1 Young RemSet")).isEqualTo("gc_vm");
    assertThat(ThreadGroups.group("main")).isEqualTo("other_threads");
  }

  @Test
  void coresAreTickDifferencesOverTheWindow() {
    Map<String, Object> cores = ThreadGroups.between(Map.of("jit", 100L), Map.of("jit", 150L, "gc_vm", 20L), 2.0);
    assertThat(cores).containsEntry("jit", 0.25).containsEntry("gc_vm", 0.1).containsEntry("event_loops", 0.0);
  }

  @Test
  void ourOwnProcessHasThreads() {
    Map<String, Long> ticks = ThreadGroups.snapshot(java.util.List.of(ProcessHandle.current().pid()));
    assertThat(ticks).isNotEmpty();
  }
}
