#!/usr/bin/env bash
# Voxmesh benchmarks: end-of-speech latency, session capacity (VAD only, with ASR, and a bare
# Vert.x echo server as the ceiling) and Kafka visibility. Everything runs on 127.0.0.1 in one
# JVM (plus the child-JVM Kafka broker); every loop is bounded. See docs/benchmarks.md.
#
#   bench/run.sh                 full run (about 12-15 minutes on 2 cores)
#   bench/run.sh --quick         smoke test (about 2 minutes)
#   bench/run.sh --help          all options
#   BENCH_JAVA_OPTS='-Xmx2g'     JVM flags (default: the same -Xmx2g as ./voxmesh run)
#   BENCH_SKIP_BUILD=1           do not rebuild first
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
  BENCH_SKIP_BUILD=${BENCH_SKIP_BUILD:-1}
fi
if [[ -z "${BENCH_SKIP_BUILD:-}" || ! -d bench/target/lib ]]; then
  echo "bench: building (mvn -o install -DskipTests -pl bench -am)..." >&2
  mvn -q -B -o install -DskipTests -pl bench -am
fi

mkdir -p bench/results/raw
log="bench/results/raw/bench-$(date -u +%Y%m%d-%H%M%S).log"
echo "bench: machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "bench: platform and broker logs go to $log" >&2

# Logs (one INFO line per session start/end) go to the log file; results to stdout.
exec java ${BENCH_JAVA_OPTS:--Xmx2g} \
  -Dvoxmesh.home="$root" \
  -Dkafka.lib="$root/kafka-dev/target/kafka-lib" \
  -cp "$root/bench/target/classes:$root/bench/target/lib/*" \
  org.voxmesh.bench.Bench "$@" 2>>"$log"
