#!/usr/bin/env bash
# Evaluates every check: generates the synthetic variants from the shared photos,
# runs `gradphoto check` over them and the labelled real photos, and prints (and
# writes to build/evaluation/) each check's confusion counts.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source tools/deps/bootstrap.sh
testdata=${GRADPHOTO_TESTDATA_DIR:-$root/../shared/testdata}
mkdir -p build/logs build/evaluation
bash tools/build-preset.sh native-release
build/native-release/tools/variants/gradphoto_variants --testdata "$testdata" --models "$GRADPHOTO_MODELS_DIR" \
  --out build/variants
# The labelled real photos: every folder named in tests/evaluation/real_labels.csv.
real_sets=$(tail -n +2 tests/evaluation/real_labels.csv | cut -d, -f1 | xargs -n1 dirname | sort -u | sed "s|^|$testdata/|")
# shellcheck disable=SC2086
build/native-release/tools/cli/gradphoto check --json build/variants $real_sets \
  >build/evaluation/reports.jsonl 2>build/evaluation/check.log || true
node tools/evaluate.mjs build/evaluation/reports.jsonl build/variants "$testdata" build/evaluation
