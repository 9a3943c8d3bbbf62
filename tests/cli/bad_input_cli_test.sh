#!/usr/bin/env bash
# The bad-input corpus (tools/badinput/make-corpus.mjs) through gradphoto check: each
# file gives the outcome its manifest entry names, and none stops the run.
# Usage: bad_input_cli_test.sh GRADPHOTO_BINARY TESTDATA_DIR REPO_ROOT
source "$(dirname "$0")/common.sh"
cli=$1
testdata=$2
root=$3

make_bad_input_corpus "$testdata" "$root" "$work/corpus"
files=()
for file in $(node -e 'const { cases } = require(process.argv[1]);
  for (const c of cases) console.log(c.file);
  for (const c of cases) if (c.expect.reference) console.log(c.expect.reference);' "$work/corpus/manifest.json"); do
  files+=("$work/corpus/$file")
done
"$cli" check --json "$(node -e 'console.log(require(process.argv[1]).source)' "$work/corpus/manifest.json")" "${files[@]}" \
  >"$work/report.jsonl" 2>"$work/stderr.txt"
status=$?
echo "exit status $status; $(tail -1 "$work/stderr.txt")"

# One verdict per case, against the manifest; the source photo's report comes first.
node --input-type=module - "$work/corpus/manifest.json" "$work/report.jsonl" "$status" <<'EOF'
import { readFileSync } from 'node:fs';
const [manifestFile, reportFile, status] = process.argv.slice(2);
const { cases } = JSON.parse(readFileSync(manifestFile, 'utf8'));
const all = readFileSync(reportFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
const source = all.shift();
// The reference files come last, one per 'like' case.
const referenceNames = cases.filter((c) => c.expect.reference).map((c) => c.expect.reference);
const references = new Map(all.splice(all.length - referenceNames.length).map((r, i) => [referenceNames[i], r]));
const reports = all;
let failures = 0;
const check = (description, ok, detail = '') => {
  console.log(`${ok ? 'ok' : 'FAIL'}: ${description}${ok ? '' : ` ${detail}`}`);
  if (!ok) failures++;
};
check('one report per file', reports.length === cases.length, `${reports.length} reports`);
check('unreadable files make the exit status 2', Number(status) === 2, status);
const faces = (r) => r.checks?.find((c) => c.id === 'face.count')?.value;
cases.forEach(({ name, file, expect }, i) => {
  const r = reports[i] ?? {};
  const seen = r.error ? `${r.error.code}: ${r.error.message_en}` : `${r.verdict} ${faces(r)} face(s)`;
  if (expect.error) {
    check(`${name}: ${expect.error}`, r.verdict === 'error' && r.error?.code === expect.error &&
      r.error.message_en.includes(expect.en) && r.error.message_zh.includes(expect.zh) && r.error.message_zh.includes(file), seen);
  } else if (expect.result === 'like-source') {
    check(`${name}: checked like the source (${source.verdict})`, !r.error && faces(r) === 1 && r.verdict === source.verdict, seen);
  } else if (expect.result === 'like') {
    const reference = references.get(expect.reference) ?? {};
    const background = (x) => x.checks?.find((c) => c.id === 'background.colour')?.value;
    check(`${name}: checked like ${expect.reference} (${reference.verdict})`, !r.error && faces(r) === 1 &&
      r.verdict === reference.verdict && Math.abs(background(r) - background(reference)) < 1, `${seen}, background ${background(r)}`);
  } else if (expect.result === 'upright') {
    const roll = r.checks?.find((c) => c.id === 'pose.roll')?.value;
    check(`${name}: upright, one face`, !r.error && faces(r) === 1 && Math.abs(roll) < 5 && r.verdict !== 'fail', `${seen}, roll ${roll}`);
  } else if (expect.result === 'fails') {
    check(`${name}: ${expect.check} fails`, !r.error && faces(r) === 1 && r.verdict === 'fail' &&
      r.checks.find((c) => c.id === expect.check)?.verdict === 'fail', seen);
  } else if (expect.result === 'no-face') {
    check(`${name}: checked, no face`, !r.error && faces(r) === 0 && r.verdict === 'fail', seen);
  } else {
    check(`${name}: known expectation`, false, JSON.stringify(expect));
  }
});
console.log(`${failures} failed`);
process.exit(failures ? 1 : 0);
EOF
