#!/usr/bin/env bash
# Installs the Silero VAD v5 ONNX model into <repo>/models/ (git-ignored), with its licence beside it.
# The model ships inside the npm package @ricky0123/vad-web, so the npm registry is the only network
# access needed. Does nothing when the model is already there. Works from any directory.
set -euo pipefail

package="@ricky0123/vad-web@0.0.31"
model_in_package="package/dist/silero_vad_v5.onnx"
# sha256 of dist/silero_vad_v5.onnx in that exact package version: catches a truncated or swapped file.
expected_sha256="2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f"

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
models="$repo/models"
target="$models/silero_vad_v5.onnx"
license="$models/silero_vad_v5.LICENSE"

if [[ -s "$target" ]]; then
  exit 0
fi

command -v npm >/dev/null 2>&1 || { echo "voxmesh: npm is needed to fetch the VAD model (apt-get install npm)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "voxmesh: fetching the Silero VAD v5 model from npm ($package)"
tarball="$(cd "$work" && npm pack "$package" --silent --loglevel=error | tail -n 1)"
tar -xzf "$work/$tarball" -C "$work" "$model_in_package" package/package.json

actual_sha256="$(sha256sum "$work/$model_in_package" | cut -d' ' -f1)"
if [[ "$actual_sha256" != "$expected_sha256" ]]; then
  echo "voxmesh: unexpected sha256 for $model_in_package in $package: $actual_sha256 (expected: $expected_sha256)" >&2
  exit 1
fi

mkdir -p "$models"

# The npm package has no LICENSE file, only a "license" field in package.json, so the licence file
# records that field and the licence of the Silero weights themselves (snakers4/silero-vad, MIT).
package_license="$(node -p 'require(process.argv[1]).license' "$work/package/package.json")"
cat >"$license" <<EOF
silero_vad_v5.onnx (sha256 $expected_sha256)
was extracted from the npm package $package, file ${model_in_package#package/}.
That package declares the licence: $package_license (package.json; the package has no LICENSE file).
The model weights are Silero VAD v5 by the Silero Team (https://github.com/snakers4/silero-vad),
released under the MIT License:

MIT License

Copyright (c) 2020-present Silero Team

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
EOF

# Copy under a temporary name and rename, so an interrupted run never leaves a half-written model.
cp "$work/$model_in_package" "$target.part"
mv "$target.part" "$target"
echo "voxmesh: installed $target"
