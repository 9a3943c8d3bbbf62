// Per-check confusion counts over the labelled real photos and the synthetic
// variants, from `gradphoto check --json` reports.
//
// For each check id:
//   positives: photos labelled with that defect (variants' expected_defect, or
//              tests/evaluation/real_labels.csv); detected = the check warns or fails.
//   negatives: photos labelled compliant (the variants' untouched originals),
//              minus the (source, check) pairs in tests/evaluation/known_noncompliant.csv;
//              wrongly failed = the check fails, wrongly warned = it warns.
// Targets (issue #3): at most 5% of negatives wrongly failed, at least 90% of
// each check's positives detected.
//
//   node tools/evaluate.mjs REPORTS.jsonl VARIANTS_DIR TESTDATA_DIR OUT_DIR
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const [reportsFile, variantsDir, testdataDir, outDir] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: node tools/evaluate.mjs REPORTS.jsonl VARIANTS_DIR TESTDATA_DIR OUT_DIR');
  process.exit(2);
}
const repoRoot = resolve(new URL('..', import.meta.url).pathname);

function readCsv(file) {
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  const header = parseCsvLine(lines[0]);
  return lines.slice(1).map((line) => Object.fromEntries(parseCsvLine(line).map((v, i) => [header[i], v])));
}

function parseCsvLine(line) {
  const fields = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { fields.push(field); field = ''; } else field += c;
  }
  fields.push(field);
  return fields;
}

// Shell-style '*' against a path relative to the testdata folder.
const globMatches = (pattern, path) =>
  new RegExp('^' + pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*') + '$').test(path);

const reports = readFileSync(reportsFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
const variantLabels = new Map(readCsv(join(variantsDir, 'labels.csv')).map((row) => [resolve(variantsDir, row.file), row]));
const realLabels = readCsv(join(repoRoot, 'tests/evaluation/real_labels.csv'));
const knownNoncompliant = readCsv(join(repoRoot, 'tests/evaluation/known_noncompliant.csv'));

// Each report -> { positives: Set(check ids), negative: bool, source }
function labelsOf(report) {
  const file = resolve(report.file);
  const variant = variantLabels.get(file);
  if (variant) {
    const defect = variant.expected_defect;
    return { source: variant.source, positives: new Set(defect === 'none' ? [] : [defect]), negative: defect === 'none' };
  }
  const inTestdata = relative(resolve(testdataDir), file);
  const defects = realLabels.filter((row) => globMatches(row.path, inTestdata)).map((row) => row.expected_defect);
  return { source: inTestdata, positives: new Set(defects), negative: false };
}

function excluded(source, check) {
  return knownNoncompliant.some((row) => row.check === check && globMatches(row.source, source));
}

const table = new Map();
const row = (id) => {
  if (!table.has(id)) {
    table.set(id, { check: id, positives: 0, detected_fail: 0, detected_warn: 0, missed: 0, not_measurable_positive: 0,
                    negatives: 0, wrongly_failed: 0, wrongly_warned: 0, not_measurable_negative: 0, missed_files: [],
                    wrongly_failed_files: [] });
  }
  return table.get(id);
};

let unreadable = 0;
for (const report of reports) {
  if (report.verdict === 'error') { unreadable++; continue; }
  const labels = labelsOf(report);
  for (const check of report.checks) {
    const r = row(check.id);
    if (labels.positives.has(check.id)) {
      r.positives++;
      if (check.verdict === 'fail') r.detected_fail++;
      else if (check.verdict === 'warn') r.detected_warn++;
      else {
        r.missed++;
        if (check.verdict === 'not_measurable') r.not_measurable_positive++;
        r.missed_files.push(relative(process.cwd(), report.file));
      }
    } else if (labels.negative && !excluded(labels.source, check.id)) {
      r.negatives++;
      if (check.verdict === 'fail') { r.wrongly_failed++; r.wrongly_failed_files.push(relative(process.cwd(), report.file)); }
      else if (check.verdict === 'warn') r.wrongly_warned++;
      else if (check.verdict === 'not_measurable') r.not_measurable_negative++;
    }
  }
}

const rows = [...table.values()];
for (const r of rows) {
  r.detection_rate = r.positives ? +((r.detected_fail + r.detected_warn) / r.positives).toFixed(3) : null;
  r.false_fail_rate = r.negatives ? +(r.wrongly_failed / r.negatives).toFixed(3) : null;
  r.meets_targets = (r.detection_rate === null || r.detection_rate >= 0.9) && (r.false_fail_rate === null || r.false_fail_rate <= 0.05);
}

mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'confusion.json'), JSON.stringify({ photos: reports.length, unreadable, checks: rows }, null, 2) + '\n');
const pct = (v) => (v === null ? '-' : `${(v * 100).toFixed(0)}%`);
const lines = [
  '| check | positives | detected (fail / warn) | missed | detection | negatives | wrongly failed | wrongly warned | false fails | targets |',
  '|---|---|---|---|---|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.check} | ${r.positives} | ${r.detected_fail} / ${r.detected_warn} | ${r.missed} | ${pct(r.detection_rate)} | ${r.negatives} | ${r.wrongly_failed} | ${r.wrongly_warned} | ${pct(r.false_fail_rate)} | ${r.meets_targets ? 'met' : 'NOT met'} |`),
];
writeFileSync(join(outDir, 'confusion.md'), lines.join('\n') + '\n');
console.log(lines.join('\n'));
console.log(`\n${reports.length} photos (${unreadable} unreadable); written to ${join(outDir, 'confusion.json')} and confusion.md`);
