#!/usr/bin/env bash
# The generator's variants that a check once missed, through gradphoto check: each
# defect is found (warn or fail) and the subject's untouched photo is not flagged.
#   nf_011 clothing_like_background: V-neck chest skin lit unlike the cheeks (it
#     passed clothing.contrast while counted as clothing);
#   nf_082 body_turned: the far side's white T-shirt fades into the light-grey
#     backdrop (body.square was not measurable).
# Usage: hard_cases_test.sh GRADPHOTO_VARIANTS_BINARY GRADPHOTO_BINARY TESTDATA_DIR   (models: $GRADPHOTO_MODELS_DIR)
source "$(dirname "$0")/../cli/common.sh"
tool=$1
cli=$2
testdata=$3

verdict() {  # verdict FILE CHECK_ID: the check's verdict in the file's report
  "$cli" check --json "$1" 2>/dev/null | node -e '
    const report = JSON.parse(require("fs").readFileSync(0, "utf8"));
    console.log(report.checks.find((c) => c.id === process.argv[1])?.verdict ?? "missing");' "$2"
}

for subject in 011_03 082_03; do
  mkdir -p "$work/$subject/webmorphR.stim/inst/neutral_front"
  ln -s "$testdata/webmorphR.stim/inst/neutral_front/$subject".{jpg,tem} "$work/$subject/webmorphR.stim/inst/neutral_front/"
  "$tool" --testdata "$work/$subject" --out "$work/$subject/out" >/dev/null 2>&1 || { echo "FAIL: generator on $subject"; exit 1; }
done
out11="$work/011_03/out" out82="$work/082_03/out"

check "nf_011 untouched: clothing.contrast passes" test "$(verdict "$out11/nf_011_03_original.jpg" clothing.contrast)" = pass
v=$(verdict "$out11/nf_011_03_clothing_like_background.jpg" clothing.contrast)
check "nf_011 garment like the backdrop, chest skin in a V-neck: clothing.contrast $v is warn or fail" \
  bash -c "[ '$v' = warn ] || [ '$v' = fail ]"
check "nf_082 untouched: body.square passes" test "$(verdict "$out82/nf_082_03_original.jpg" body.square)" = pass
check "nf_082 body turned, far side fading into the backdrop: body.square warns" \
  test "$(verdict "$out82/nf_082_03_body_turned.jpg" body.square)" = warn
finish
