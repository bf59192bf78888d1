#!/usr/bin/env bash
# Voxmesh mesh benchmarks: the services as separate JVMs on one Hazelcast-clustered event bus on this
# machine (127.0.0.1), against a real child-JVM Kafka broker. Every loop is bounded and every child
# process is stopped at the end. See docs/benchmarks-mesh.md.
#
#   bench/run-mesh.sh                         all four (about 14 minutes on 2 cores, more with --wait-quiet)
#   bench/run-mesh.sh --phases hop,formation  some of them (hop, formation, webhook, capacity)
#   bench/run-mesh.sh --quick                 smoke test (about 6 minutes)
#   bench/run-mesh.sh --help                  all options
#   BENCH_SKIP_BUILD=1                        do not rebuild first
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
  exec java -cp "bench/target/classes:bench/target/lib/*" org.voxmesh.bench.mesh.MeshBench --help
fi
if [[ -z "${BENCH_SKIP_BUILD:-}" || ! -d bench/target/lib ]]; then
  # package (never install): the reactor's own jars, not whatever snapshot ~/.m2 holds
  echo "mesh-bench: building (mvn -o package -DskipTests -pl kafka-dev,bench -am)..." >&2
  mvn -q -B -o package -DskipTests -pl kafka-dev,bench -am
fi
scripts/fetch-vad-model.sh

# Private copies of every class and jar: the benchmark starts many JVMs over several minutes, and a
# concurrent rebuild must not change them under it.
private="$(mktemp -d /tmp/voxmesh-mesh-bench.XXXXXX)"
trap 'rm -rf "$private"' EXIT
cp -r bench/target/classes "$private/classes"
cp -r bench/target/lib "$private/lib"
cp -r kafka-dev/target/kafka-lib "$private/kafka-lib"

mkdir -p bench/results/raw
log="bench/results/raw/mesh-$(date -u +%Y%m%d-%H%M%S).log"
echo "mesh-bench: machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "mesh-bench: bench JVM log: $log (child JVM logs: bench/results/raw/mesh-<ms>/)" >&2

java ${BENCH_JAVA_OPTS:--Xmx1g} \
  -Dvoxmesh.home="$root" \
  -Dkafka.lib="$private/kafka-lib" \
  -Djava.net.preferIPv4Stack=true \
  --add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED \
  --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED \
  --add-opens java.management/sun.management=ALL-UNNAMED --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED \
  -cp "$private/classes:$private/lib/*" \
  org.voxmesh.bench.mesh.MeshBench "$@" 2>>"$log"
