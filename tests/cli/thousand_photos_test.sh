#!/usr/bin/env bash
# A school's folder: 1,000 photos, 50 of them bad (the refused files of the bad-input
# corpus under .jpg/.png names), checked with --out; then 100 photos are replaced in
# place and the folder is checked again to the same --out. Every photo is reported in
# both runs, and no output of the first run is overwritten by a different photo's.
# Usage: thousand_photos_test.sh GRADPHOTO_BINARY TESTDATA_DIR REPO_ROOT
source "$(dirname "$0")/common.sh"
cli=$1
testdata=$2
root=$3

make_bad_input_corpus "$testdata" "$root" "$work/corpus"
bad=()
for file in $(node -e 'for (const c of require(process.argv[1]).cases) if (c.expect.error) console.log(c.file)' "$work/corpus/manifest.json"); do
  bad+=("$work/corpus/$file")
done

# 950 links to the 40 shared neutral and smiling photos (links, never copies), in 24 folders.
good=("$testdata"/webmorphR.stim/inst/neutral_front/*.jpg "$testdata"/webmorphR.stim/inst/smiling_front/*.jpg)
batch="$work/school"
n=0
for ((folder = 0; n < 950; folder++)); do
  mkdir -p "$batch/class$folder"
  for photo in "${good[@]}"; do
    [ $n -lt 950 ] || break
    ln -s "$photo" "$batch/class$folder/$(basename "$photo")"
    n=$((n + 1))
  done
done
# 50 bad files among them, under the names a photo would have.
mkdir -p "$batch/late"
for ((i = 0; i < 50; i++)); do
  source=${bad[$((i % ${#bad[@]}))]}
  extension=jpg
  [ "${source##*.}" = png ] && extension=png
  cp "$source" "$batch/late/student$(printf %02d $i).$extension"
done
check "the folder holds 1000 photos" test "$(find "$batch" \( -name '*.jpg' -o -name '*.png' \) | wc -l)" -eq 1000

start=$(date +%s.%N)
"$cli" check --json --out "$work/out" "$batch" >"$work/run1.jsonl" 2>"$work/run1.err"
status=$?
seconds=$(awk -v a="$start" -v b="$(date +%s.%N)" "BEGIN { printf \"%.1f\", b - a }")
echo "first run: $(tail -1 "$work/run1.err"), ${seconds} s"
check "the run exits 2 (unreadable files)" test $status -eq 2
check "all 1000 photos are reported" test "$(wc -l <"$work/run1.jsonl")" -eq 1000
check "the 50 bad files are reported as errors, with messages in Chinese and English" node -e '
  const lines = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(JSON.parse);
  const errors = lines.filter((r) => r.verdict === "error");
  const ok = errors.length === 50 && errors.every((r) => r.file.includes("/late/") && r.error.message_zh && r.error.message_en) &&
    lines.filter((r) => r.verdict !== "error").every((r) => r.checks.length > 0);
  process.exit(ok ? 0 : 1);' "$work/run1.jsonl"
check "the summary counts them" grep -q "1000 photos: .* 50 unreadable" "$work/run1.err"

# What run 1 wrote: each output named by one report, and its bytes.
node -e '
  const lines = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(JSON.parse);
  for (const r of lines) if (r.output) console.log(r.output);' "$work/run1.jsonl" | sort >"$work/run1.outputs"
check "one output file per compliant photo, no name shared" \
  test "$(sort -u "$work/run1.outputs" | wc -l)" -eq "$(ls "$work/out" | wc -l)" -a "$(wc -l <"$work/run1.outputs")" -eq "$(ls "$work/out" | wc -l)"
check "some photos were compliant ($(wc -l <"$work/run1.outputs") outputs)" test "$(wc -l <"$work/run1.outputs")" -ge 100
(cd "$work/out" && sha256sum -- *.jpg) >"$work/run1.sums"

# 100 photos replaced in place by another student's photo (same file name, new content).
replaced=0
for link in $(find "$batch" -type l | sort | head -100); do
  target=$(readlink "$link")
  other=${good[$(( ($(printf '%s\n' "${good[@]}" | grep -nx "$target" | cut -d: -f1) + 6) % ${#good[@]} ))]}
  rm "$link"
  ln -s "$other" "$link"
  replaced=$((replaced + 1))
done
check "100 photos replaced" test $replaced -eq 100

start=$(date +%s.%N)
"$cli" check --json --out "$work/out" "$batch" >"$work/run2.jsonl" 2>"$work/run2.err"
seconds=$(awk -v a="$start" -v b="$(date +%s.%N)" "BEGIN { printf \"%.1f\", b - a }")
echo "second run: $(tail -1 "$work/run2.err"), ${seconds} s"
check "the second run reports all 1000 photos" test "$(wc -l <"$work/run2.jsonl")" -eq 1000
check "every output of the first run is still there, unchanged" bash -c "cd '$work/out' && sha256sum --quiet -c '$work/run1.sums'"
check "a replaced photo's output has a new name; an unchanged photo's the same" node -e '
  const read = (f) => new Map(require("fs").readFileSync(f, "utf8").trim().split("\n").map(JSON.parse).map((r) => [r.file, r.output]));
  const [first, second] = [read(process.argv[1]), read(process.argv[2])];
  const replaced = new Set(process.argv[3].split("\n"));
  let ok = true;
  for (const [file, output] of second) {
    if (!output || !first.get(file)) continue;
    if (replaced.has(file) ? output === first.get(file) : output !== first.get(file)) { console.error(file); ok = false; }
  }
  process.exit(ok ? 0 : 1);' "$work/run1.jsonl" "$work/run2.jsonl" "$(find "$batch" -type l | sort | head -100)"
check "each output of the second run holds its own photo's JPEG (no two photos share one)" node -e '
  const lines = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(JSON.parse);
  const owners = new Map();
  for (const r of lines) if (r.output) owners.set(r.output, (owners.get(r.output) ?? 0) + 1);
  process.exit([...owners.values()].every((count) => count === 1) ? 0 : 1);' "$work/run2.jsonl"
check "no temporary files left behind" test "$(find "$work/out" -name '*.tmp-*' | wc -l)" -eq 0

finish
