#!/usr/bin/env bash
# The command of each device call (docs/CUDA.md "The device run"): verifies the parts that
# arrived under .cuda-stage/ (sha256), keeps them in /tmp/trm-stash (the machine stays warm between
# back-to-back calls), and once every part is in, unpacks and, with RUN=1, runs gpu_run.sh.
#   bench/cuda/device_call.sh            (repo root; OUT is set by the device tool)
set -uo pipefail
cd "$(dirname "$0")/../.."
STASH=/tmp/trm-stash
TO=/tmp/trm-stage
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader 2> /dev/null
echo "java: $(java -version 2>&1 | head -1 || echo none)  zstd: $(command -v zstd || echo none)"
ready=1
for set in bundle jdk; do
  manifests=(.cuda-stage/*/"$set".manifest.json "$STASH/$set.manifest.json")
  manifest=""
  for m in "${manifests[@]}"; do [ -f "$m" ] && manifest=$m && break; done
  if [ -z "$manifest" ]; then
    [ "$set" = jdk ] && continue
    echo "no bundle manifest arrived"; exit 2
  fi
  mkdir -p "$STASH"; cp -n "$manifest" "$STASH/$set.manifest.json" 2> /dev/null
  if [ -f "$TO/.done-$set" ]; then echo "$set: already unpacked"; continue; fi
  python3 bench/cuda/transfer.py receive --manifest "$STASH/$set.manifest.json" --from .cuda-stage/*/ \
      --stash "$STASH/$set" --to "$TO"
  rc=$?
  ((rc == 0)) && touch "$TO/.done-$set"
  ((rc == 3)) && ready=0
  ((rc == 2)) && exit 2
done
if ((ready)) && [ "${RUN:-0}" = 1 ]; then
  JDK_DIR="$TO/jdk" bench/cuda/gpu_run.sh "$TO/bundle" "${OUT:-/tmp/trm-cuda-out}"
fi
