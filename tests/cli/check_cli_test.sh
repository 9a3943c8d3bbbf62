#!/usr/bin/env bash
# gradphoto check as a school runs it: a folder of 200 photos with some corrupt
# ones, every photo reported, outputs named per source, exit codes, CSV, profiles.
# Usage: check_cli_test.sh GRADPHOTO_BINARY TESTDATA_DIR PROFILES_DIR
source "$(dirname "$0")/common.sh"
cli=$1
testdata=$2
profiles=$3
neutral="$testdata/webmorphR.stim/inst/neutral_front"

# 10 folders x 20 subjects = 200 photos (links to the shared photos, never copies),
# then 10 of them replaced by an empty file, a text file and 8 cut-short downloads.
batch="$work/batch"
for folder in a b c d e f g h i j; do
  mkdir -p "$batch/$folder"
  for photo in "$neutral"/*.jpg; do ln -s "$photo" "$batch/$folder/$(basename "$photo")"; done
done
printf '' >"$batch/a/empty.jpg"; rm "$batch/a/006_03.jpg"
echo "not a photo" >"$batch/b/006_03.jpg.tmp"; mv "$batch/b/006_03.jpg.tmp" "$batch/b/notes.jpg"; rm "$batch/b/006_03.jpg"
for folder in c d e f g h i j; do
  rm "$batch/$folder/011_03.jpg"
  head -c 20000 "$neutral/011_03.jpg" >"$batch/$folder/truncated.jpg"
done
check "the batch holds 200 files" test "$(find "$batch" -name '*.jpg' | wc -l)" -eq 200

"$cli" check --json --out "$work/out" "$batch" >"$work/report.jsonl" 2>"$work/stderr.txt"
status=$?
check "a batch with unreadable files exits 2" test $status -eq 2
check "every one of the 200 photos is reported" test "$(wc -l <"$work/report.jsonl")" -eq 200
check "each line is a report with file, verdict and checks" node -e '
  const lines = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(JSON.parse);
  const ok = lines.every((r) => typeof r.file === "string" && ["pass", "warn", "fail", "error"].includes(r.verdict) &&
    Array.isArray(r.checks) && r.checks.every((c) => c.id && c.verdict && "value" in c && c.limit && c.message_zh && c.message_en));
  const errors = lines.filter((r) => r.verdict === "error");
  process.exit(ok && errors.length === 10 ? 0 : 1);' "$work/report.jsonl"
check "the summary counts the unreadable files" grep -q "200 photos: .* 10 unreadable" "$work/stderr.txt"
check "the cut-short files are named in Chinese and English" grep -q '照片文件不完整.*The photo file is incomplete' "$work/report.jsonl"
check "the empty file is named as such" grep -q '文件是空的.*The file is empty' "$work/report.jsonl"
outputs=$(ls "$work/out" | wc -l)
check "one output per compliant photo, none overwritten ($outputs files)" test "$outputs" -eq "$(grep -c '"output":"' "$work/report.jsonl")"
check "outputs are 480x640 JPEGs" bash -c "ffprobe -v error -show_entries stream=width,height -of csv=p=0 \"$(ls "$work"/out/*.jpg | head -1)\" | grep -qx '480,640'"

"$cli" check --json --out "$work/out" "$batch" >/dev/null 2>&1
check "a second run to the same folder writes the same names (no clobbering)" test "$(ls "$work/out" | wc -l)" -eq "$outputs"

"$cli" check --csv "$neutral/006_03.jpg" "$neutral/017_03.jpg" >"$work/report.csv" 2>/dev/null
status=$?
check "compliant photos exit 0" test $status -eq 0
check "CSV has a header and one row per photo" test "$(wc -l <"$work/report.csv")" -eq 3
check "CSV header" grep -qx 'file,verdict,failed,warned,not_measurable,output,error_en' "$work/report.csv"

"$cli" check "$neutral/001_03.jpg" >"$work/tall.txt" 2>/dev/null
check "a failing photo exits 1" test $? -eq 1
check "... and says why" grep -q "fail geometry.crown" "$work/tall.txt"

"$cli" check --json --profile id-card --out "$work/id" "$neutral/006_03.jpg" >/dev/null 2>&1
check "the id-card profile cuts 358x441" bash -c "ffprobe -v error -show_entries stream=width,height -of csv=p=0 \"$(ls "$work"/id/*.jpg | head -1)\" | grep -qx '358,441'"

sed 's/"width": 480/"width": "480"/' "$profiles/chsi-graduate.json" >"$work/broken.json"
"$cli" check --profile "$work/broken.json" "$neutral/006_03.jpg" >/dev/null 2>"$work/profile-error.txt"
check "a malformed profile exits 2" test $? -eq 2
check "... naming the field" grep -q "output.width" "$work/profile-error.txt"

"$cli" check --bogus "$neutral/006_03.jpg" >/dev/null 2>"$work/usage.txt"
check "an unknown option exits 2 with the usage" bash -c "test $? -eq 2 && grep -q 'usage: gradphoto check' '$work/usage.txt'"

finish
