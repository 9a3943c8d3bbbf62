// The bad-input corpus (tools/badinput/make-corpus.mjs) through the wasm module in
// Node, the way the page's worker uses it: inspectFile() on the bytes first; what it
// accepts is decoded by the host (here ffmpeg, turned upright by the EXIF orientation
// inspectFile reports; in the page, the browser) and checked with check().
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCore, repoRoot } from './load-core.mjs';
import { makeCorpus } from '../../tools/badinput/make-corpus.mjs';

const core = await loadCore();
assert.equal(core.loadProfile(readFileSync(join(repoRoot, 'profiles', 'chsi-graduate.json'), 'utf8')), null);
const corpus = await makeCorpus(join(repoRoot, 'build', 'badinput', 'corpus-node'));

// ffmpeg filters that show a photo upright, by EXIF orientation (1 needs none).
const UPRIGHT = { 2: 'hflip', 3: 'hflip,vflip', 4: 'vflip', 5: 'transpose=0', 6: 'transpose=1', 7: 'transpose=3', 8: 'transpose=2' };

function checkFile(path) {
  const file = new Uint8Array(readFileSync(path));
  const inspection = core.inspectFile(file);
  if (inspection.error) return { inspection, report: { verdict: 'error', error: inspection.error } };
  const swap = inspection.orientation >= 5;
  const width = swap ? inspection.height : inspection.width;
  const height = swap ? inspection.width : inspection.height;
  const filter = UPRIGHT[inspection.orientation];
  // -noautorotate: the orientation comes from inspectFile, as the page's comes from the browser.
  const data = execFileSync('ffmpeg', ['-v', 'error', '-noautorotate', '-i', path, ...(filter ? ['-vf', filter] : []), '-f', 'rawvideo', '-pix_fmt', 'rgba', '-'],
    { maxBuffer: width * height * 4 + 1024 });
  assert.equal(data.length, width * height * 4, `${path}: decoded size`);
  return { inspection, report: core.check({ data, width, height, file }) };
}

const faces = (report) => report.analysis?.face_count;
const checkValue = (report, id) => report.checks?.find((c) => c.id === id);
const { report: source } = checkFile(corpus.source);

for (const { name, file, expect } of corpus.cases) {
  test(`${name} (${file})`, () => {
    const { inspection, report } = checkFile(join(corpus.dir, file));
    const seen = report.error ? `${report.error.code}: ${report.error.message_en}` : `${report.verdict}, ${faces(report)} face(s)`;
    if (expect.error) {
      assert.equal(report.error?.code, expect.error, seen);
      assert.ok(report.error.message_en.includes(expect.en), report.error.message_en);
      assert.ok(report.error.message_zh.includes(expect.zh), report.error.message_zh);
      return;
    }
    assert.equal(report.error, null, seen);
    if (expect.result === 'like-source') {
      assert.equal(faces(report), 1, seen);
      assert.equal(report.verdict, source.verdict, seen);
    } else if (expect.result === 'like') {
      const { report: reference } = checkFile(join(corpus.dir, expect.reference));
      assert.equal(report.verdict, reference.verdict, seen);
      assert.ok(Math.abs(checkValue(report, 'background.colour').value - checkValue(reference, 'background.colour').value) < 1);
    } else if (expect.result === 'upright') {
      assert.equal(inspection.orientation, 6);
      assert.deepEqual([report.analysis.width, report.analysis.height, faces(report)], [expect.width, expect.height, 1]);
      assert.ok(Math.abs(report.analysis.faces[0].pose.roll) < 5, `roll ${report.analysis.faces[0].pose.roll}`);
      assert.notEqual(report.verdict, 'fail', seen);
    } else if (expect.result === 'fails') {
      assert.equal(faces(report), 1, seen);
      assert.equal(report.verdict, 'fail', seen);
      assert.equal(checkValue(report, expect.check).verdict, 'fail');
    } else if (expect.result === 'no-face') {
      assert.equal(faces(report), 0, seen);
      assert.equal(report.verdict, 'fail', seen);
    } else {
      assert.fail(`unknown expectation ${JSON.stringify(expect)}`);
    }
  });
}

test('the module still checks a photo after every bad file', () => {
  const { report } = checkFile(corpus.source);
  assert.equal(report.verdict, source.verdict);
  assert.equal(faces(report), 1);
});
