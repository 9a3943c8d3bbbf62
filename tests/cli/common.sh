# Shared by the command-line tests (sourced, not run): a scratch folder removed on
# exit, a check() that counts failures, and the summary line ctest reads.
set -u
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

check() {  # check DESCRIPTION COMMAND...
  local description=$1; shift
  if "$@"; then echo "ok: $description"; else echo "FAIL: $description"; failures=$((failures + 1)); fi
}

# make_bad_input_corpus TESTDATA_DIR REPO_ROOT DIR: the bad-input corpus and its manifest.json.
make_bad_input_corpus() {
  GRADPHOTO_TESTDATA_DIR=$1 node "$2/tools/badinput/make-corpus.mjs" "$3" >/dev/null || { echo "FAIL: corpus"; exit 1; }
}

finish() {  # the exit status: 0 only when every check passed
  echo "$failures failed"
  [ "$failures" -eq 0 ]
}
