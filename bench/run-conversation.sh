#!/usr/bin/env bash
# Voxmesh conversation latency benchmark: time to first audio after response.create (text input)
# and after the end of speech (audio input, server_vad), and barge-in latency, with the embedded
# rule responder and Flite, over real WebSockets to 127.0.0.1 (the platform runs in this JVM, the
# Kafka broker in a child JVM). Every loop is bounded. See docs/benchmarks-conversation.md.
#
#   bench/run-conversation.sh              full run (about 4-5 minutes on 2 cores)
#   bench/run-conversation.sh --quick      smoke test (about 1.5 minutes)
#   bench/run-conversation.sh --help       all options
#   BENCH_JAVA_OPTS='-Xmx2g'               JVM flags (default: the same -Xmx2g as ./voxmesh run)
#   BENCH_SKIP_BUILD=1                     do not rebuild first
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
  BENCH_SKIP_BUILD=${BENCH_SKIP_BUILD:-1}
fi
if [[ -z "${BENCH_SKIP_BUILD:-}" || ! -d bench/target/lib ]]; then
  echo "conversation bench: building (mvn -o install -DskipTests -pl bench -am)..." >&2
  mvn -q -B -o install -DskipTests -pl bench -am
fi

logdir="bench/target/conversation-logs"
mkdir -p "$logdir" bench/results
log="$logdir/conversation-$(date -u +%Y%m%d-%H%M%S).log"
echo "conversation bench: machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "conversation bench: platform and broker logs go to $log" >&2

exec java ${BENCH_JAVA_OPTS:--Xmx2g} \
  -Dvoxmesh.home="$root" \
  -Dkafka.lib="$root/kafka-dev/target/kafka-lib" \
  -cp "$root/bench/target/classes:$root/bench/target/lib/*" \
  org.voxmesh.bench.conversation.ConversationBench "$@" 2>>"$log"
