#!/usr/bin/env bash
# Installs everything GradPhoto needs (cached) and runs every test:
#   native unit tests under AddressSanitizer + UndefinedBehaviorSanitizer, and optimised;
#   the libFuzzer targets for a minute each;
#   the wasm build in Node (parity with native, bad input);
#   the size budget of every shipped file (tests/size/budgets.json);
#   the page in Debian's Chromium (playwright-core).
# Ends with one line "tests: N passed, N failed"; exits non-zero when any test fails.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source tools/deps/bootstrap.sh || { echo "test.sh: installing dependencies failed" >&2; exit 1; }
export GRADPHOTO_WASM_DIR="$root/build/wasm-release/wasm"
export GRADPHOTO_WASM_THREADS_DIR="$root/build/wasm-threads/wasm"
export GRADPHOTO_FIXTURES_DIR="$root/build/fixtures"

passed=0
failed=0
log_dir="$root/build/test-logs"
mkdir -p "$log_dir"

build() {  # build PRESET: a failed build stops the run
  bash tools/build-preset.sh "$1" || exit 1
}

# node_suite NAME DIR: runs a node --test folder, logging to NAME.log; prints the
# failures' details and counts the results.
node_suite() {
  local log="$log_dir/$1.log" status
  node --test "$2" >"$log" 2>&1
  status=$?
  grep -E '^not ok|^# (pass|fail)' "$log"
  [ $status -eq 0 ] || grep -B2 -A30 '^not ok' "$log" | head -80
  count_node "$log" $status
}

count_ctest() {  # count_ctest LOG
  local line
  line=$(grep -E 'tests passed, [0-9]+ tests failed out of [0-9]+' "$1" | tail -1)
  local fail total
  fail=$(echo "$line" | sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+).*/\1/')
  total=$(echo "$line" | sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+).*/\2/')
  if [ -z "$line" ]; then failed=$((failed + 1)); return; fi
  passed=$((passed + total - fail))
  failed=$((failed + fail))
}

count_node() {  # count_node LOG STATUS
  local pass fail
  pass=$(grep -E '^# pass [0-9]+' "$1" | tail -1 | awk '{print $3}')
  fail=$(grep -E '^# fail [0-9]+' "$1" | tail -1 | awk '{print $3}')
  if [ -z "$pass" ]; then failed=$((failed + 1)); return; fi
  passed=$((passed + pass))
  failed=$((failed + fail))
  [ "$2" -eq 0 ] || [ "$fail" -gt 0 ] || failed=$((failed + 1))
}

echo "== native unit tests, AddressSanitizer + UndefinedBehaviorSanitizer"
build native-asan
ASAN_OPTIONS=detect_leaks=1 ctest --preset native-asan -j2 2>&1 | tee "$log_dir/ctest-asan.log" | grep -E 'tests passed|Failed|\*\*\*' || true
count_ctest "$log_dir/ctest-asan.log"

echo "== native unit tests, optimised"
build native-release
ctest --test-dir build/native-release -j2 --output-on-failure 2>&1 | tee "$log_dir/ctest-release.log" | grep -E 'tests passed|Failed|\*\*\*' || true
count_ctest "$log_dir/ctest-release.log"

echo "== fuzzing: each libFuzzer target for 60 s (the ten-minute run: bash tools/fuzz.sh 600)"
bash tools/fuzz.sh 60 >"$log_dir/fuzz.log" 2>&1
grep -E '^fuzz' "$log_dir/fuzz.log"
fuzz_failed=$(grep -E '^fuzz: ' "$log_dir/fuzz.log" | sed -E 's/.* ([0-9]+) targets with crashes/\1/')
if [ -z "$fuzz_failed" ]; then tail -20 "$log_dir/fuzz.log"; failed=$((failed + 1)); else passed=$((passed + 2 - fuzz_failed)); failed=$((failed + fuzz_failed)); fi

echo "== wasm module in Node"
build wasm-release
build wasm-threads
bash tests/wasm/make-fixtures.sh "$GRADPHOTO_FIXTURES_DIR" build/native-release/tools/cli/gradphoto
node_suite node-wasm tests/wasm/

echo "== size budgets (gzip, per shipped file)"
node_suite size tests/size/

echo "== page in Chromium"
node_suite e2e tests/e2e/

echo
echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
