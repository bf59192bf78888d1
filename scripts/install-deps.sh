#!/usr/bin/env bash
# Installs what Voxmesh needs on a Debian 12 machine: the JDK/Maven/Node toolchain (if missing),
# the speech engines' Debian packages, kcat, the Silero VAD model (from its npm package) and the
# npm test clients. Safe to run again: each step checks first.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

apt_packages=(
  libpocketsphinx3 libsphinxbase3 pocketsphinx-en-us   # ASR (PocketSphinx through JNA)
  libflite1                                            # TTS (Flite through JNA)
  kcat                                                 # a plain Kafka consumer for users and tests
)
tools=(java:openjdk-17-jdk-headless mvn:maven node:nodejs npm:npm)

missing=()
for pkg in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
for t in "${tools[@]}"; do
  command -v "${t%%:*}" >/dev/null 2>&1 || missing+=("${t##*:}")
done
if ((${#missing[@]})); then
  echo "voxmesh: installing Debian packages: ${missing[*]}"
  sudo_cmd=""
  [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

"$here/scripts/fetch-vad-model.sh"

if [[ ! -d "$here/testkit/node/node_modules/openai" ]]; then
  echo "voxmesh: installing the npm test clients"
  (cd "$here/testkit/node" && npm install --no-audit --no-fund --loglevel=error)
fi
