#!/usr/bin/env bash
# The command line as a user runs it: JSON fields, exit codes and readable errors.
# Usage: cli_test.sh GRADPHOTO_BINARY TESTDATA_DIR
source "$(dirname "$0")/common.sh"
cli=$1
testdata=$2
photo="$testdata/webmorphR.stim/inst/neutral_front/001_03.jpg"

"$cli" analyze --json "$photo" >"$work/out.json" 2>"$work/err.txt"
check "a real photo exits 0" test $? -eq 0
check "JSON has the face fields" node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const f = r.faces[0];
  const ok = r.face_count === 1 && f.mesh.length === 468 * 3 && f.key_points.eye_left && f.key_points.chin &&
    typeof f.pose.yaw === "number" && typeof r.timings_ms.total === "number" && r.error === null;
  process.exit(ok ? 0 : 1);' "$work/out.json"

echo "this is not a photo" >"$work/notes.jpg"
"$cli" analyze "$work/notes.jpg" >"$work/out.txt" 2>"$work/err.txt"
check "a non-image file exits 2" test $? -eq 2
check "the message says so in Chinese and English" grep -q "This file is not a photo: it is a text file" "$work/err.txt"
check "... and in Chinese" grep -q "此文件不是照片，而是文本文件" "$work/err.txt"

"$cli" analyze --json "$work/notes.jpg" "$photo" >"$work/mixed.json" 2>/dev/null
check "a bad file does not stop the good one after it (exit 2)" test $? -eq 2
check "both files are reported" test "$(wc -l <"$work/mixed.json")" -eq 2

"$cli" analyze --no-such-flag "$photo" >/dev/null 2>"$work/usage.txt"
check "an unknown option exits 2" test $? -eq 2
check "... with the usage text" grep -q "usage: gradphoto analyze" "$work/usage.txt"

"$cli" >/dev/null 2>&1
check "no command exits 2" test $? -eq 2

finish
