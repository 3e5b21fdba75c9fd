#!/usr/bin/env bash
# Prepares, on a machine with Maven, everything bench/cuda/gpu_run.sh needs on the GPU machine, and
# splits it into parts that fit one device call each (docs/CUDA.md "The device run").
#
#   bench/cuda/stage.sh WHEEL            (repo root; WHEEL: onnxruntime_gpu-1.31.1-cp312-...whl, or a CPU
#                                          onnxruntime wheel of the same version for the CPU rehearsal)
#   env: PART_MIB=44  (per call: 64 MiB minus the working tree, ~10 MiB)  JDK=0|1 (also pack a jlink runtime)
#        STAGE=.cuda-stage (git-ignored; call-K/ is what call K carries)  CODEC=zstd|xz
# Leaves: $STAGE/bundle/ (natives/, trm.jar, classes/, data/), $STAGE/call-1 .. call-N (one part each,
# plus the manifest), and $STAGE/jdk-call-1 .. (JDK=1).
set -euo pipefail
cd "$(dirname "$0")/../.."
WHEEL=$(realpath "${1:?usage: bench/cuda/stage.sh WHEEL}")
STAGE=${STAGE:-.cuda-stage}
PART_MIB=${PART_MIB:-44}
JDK=${JDK:-0}
CODEC=${CODEC:-$(command -v zstd > /dev/null && echo zstd || echo xz)}
MIX=${MIX:-../shared/data/sudoku/sudoku_eval_mix.csv}
rm -rf "$STAGE"
mkdir -p "$STAGE/bundle/data" "$STAGE/bundle/classes"

[ -f cli/target/trm.jar ] || mvn -B -q -DskipTests package
# The CLI jar without ORT's bundled natives (they come from natives/): 88 MB -> ~11 MB.
cp cli/target/trm.jar "$STAGE/bundle/trm.jar"
zip -q -d "$STAGE/bundle/trm.jar" 'ai/onnxruntime/native/*'
javac -d "$STAGE/bundle/classes" -cp "$STAGE/bundle/trm.jar" bench/cuda/ProviderParity.java
python3 export-scripts/ort_native.py --wheel "$WHEEL" --out "$STAGE/bundle/natives"
cp "$MIX" "$STAGE/bundle/data/sudoku_eval_mix.csv"

# One part per call folder, the manifest beside each.
split_into_calls() { # name prefix
  local name=$1 prefix=$2
  local m="$STAGE/parts/$name.manifest.json"
  local k=0
  for part in "$STAGE"/parts/"$name".part-*; do
    k=$((k + 1))
    mkdir -p "$STAGE/$prefix-$k"
    mv "$part" "$STAGE/$prefix-$k/"
    cp "$m" "$STAGE/$prefix-$k/"
  done
  echo "$name: $k call(s): $(ls -d "$STAGE/$prefix"-* | tr '\n' ' ')"
}
python3 bench/cuda/transfer.py pack "$STAGE/bundle" --out "$STAGE/parts" --name bundle --part-mib "$PART_MIB" \
    --codec "$CODEC"
split_into_calls bundle call
if [ "$JDK" = 1 ]; then
  # jdeps names java.desktop and java.compiler too (optional uses: java.beans, annotation processing);
  # without them solve, eval, bench, serve, loadtest and ProviderParity ran (39 MB instead of 50).
  jlink --add-modules java.base,java.net.http,java.sql,jdk.httpserver,jdk.unsupported,java.logging,java.management \
      --strip-debug --no-man-pages --no-header-files --compress=2 --output "$STAGE/jdk"
  python3 bench/cuda/transfer.py pack "$STAGE/jdk" --out "$STAGE/parts" --name jdk --part-mib "$PART_MIB" --codec "$CODEC"
  split_into_calls jdk jdk-call
fi
du -sh "$STAGE"/call-* "$STAGE"/jdk-call-* 2> /dev/null || true
