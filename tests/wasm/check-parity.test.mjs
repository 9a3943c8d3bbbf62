// check() in the wasm build, run in Node, against `gradphoto check` on the same
// pixels: the same verdicts, the same measured values, byte-identical JPEGs.
// Needs GRADPHOTO_FIXTURES_DIR from tests/wasm/make-fixtures.sh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, basename } from 'node:path';
import { loadCore, readPng, repoRoot } from './load-core.mjs';

const fixturesDir = process.env.GRADPHOTO_FIXTURES_DIR;
const core = await loadCore();
assert.equal(core.loadProfile(readFileSync(join(repoRoot, 'profiles', 'chsi-graduate.json'), 'utf8')), null);

const native = readFileSync(join(fixturesDir, 'native-check.jsonl'), 'utf8')
  .trim().split('\n').map((line) => JSON.parse(line));
const nativeJpegs = readdirSync(join(fixturesDir, 'native-jpeg'));

// Values are measured by the same code on the same photo, but not on exactly the
// same output pixels: the landmarks differ by float rounding between native and
// wasm SIMD (under 0.2 px), so a crop window's edge may round one photo pixel the
// other way, and OpenCV's area resize sums floats in a different order. Pixel
// statistics (sharpness, highlights, texture) move by a few percent with that;
// geometry by under a pixel; a count of a few pixels in a small region (teeth in
// a closed mouth: 0.0005 mouth widths per pixel) by a few of them. So values agree
// within 10% of the value or 10% of the check's smallest limit, and verdicts agree
// unless the value sits that close to a limit.
function tolerance(check, cropScale) {
  const limits = ['min_fail', 'min_warn', 'max_warn', 'max_fail']
    .map((k) => check.limit[k]).filter((v) => v !== undefined && v !== 0).map(Math.abs);
  const rounding = check.limit.unit === 'px' ? cropScale : 0;
  const jsonRounding = 0.0005;  // the command line writes values to 3 decimals
  return Math.max(1e-3, Math.abs(check.value) * 0.1, limits.length ? Math.min(...limits) * 0.1 : 0) + rounding +
    jsonRounding;
}

test('fixtures cover every photo', () => assert.ok(native.length >= 36));

for (const expected of native) {
  test(`check() matches gradphoto check on ${basename(expected.file)}`, () => {
    const report = core.check(readPng(expected.file));
    assert.equal(report.error, null);
    const ours = new Map(report.checks.map((c) => [c.id, c]));
    let toleratedFlip = false;
    for (const theirs of expected.checks) {
      const check = ours.get(theirs.id);
      assert.ok(check, `missing ${theirs.id}`);
      if (check.verdict !== theirs.verdict) {
        // Only a value sitting on a limit may land on the other side of it.
        const limits = ['min_fail', 'min_warn', 'max_warn', 'max_fail'].map((k) => theirs.limit[k]).filter((v) => v !== undefined);
        const onALimit = limits.some((limit) => Math.abs(theirs.value - limit) <= 2 * tolerance(theirs, expected.crop.scale));
        assert.ok(onALimit, `${theirs.id}: wasm ${check.verdict} (${check.value}), native ${theirs.verdict} (${theirs.value})`);
        toleratedFlip = true;
      }
      // Heuristic checks (warn limits only) count pixels by thresholds, so a
      // one-pixel shift of the crop can move their value a lot on an unusual photo
      // (image00251, a 55-degree profile); for them the verdict is what must agree.
      const heuristic = theirs.limit.min_fail === undefined && theirs.limit.max_fail === undefined;
      if (theirs.value === null) {
        assert.equal(check.value, null, theirs.id);
      } else if (!heuristic) {
        assert.ok(Math.abs(check.value - theirs.value) <= tolerance(theirs, expected.crop.scale),
          `${theirs.id}: wasm ${check.value} native ${theirs.value}`);
      }
    }
    // The same crop window (to the pixel: landmarks differ by float rounding, so
    // a window edge may round the other way). The JPEGs are not byte-identical even
    // for the same window: OpenCV's area resize sums floats in a different order
    // with wasm SIMD than with AVX, which moves a few pixels by one level; the same
    // libjpeg-turbo then gives files within a fraction of a percent of each other.
    assert.ok(Math.abs(report.crop.left - expected.crop.left) <= 1, `crop left ${report.crop.left} vs ${expected.crop.left}`);
    assert.ok(Math.abs(report.crop.top - expected.crop.top) <= 1, `crop top ${report.crop.top} vs ${expected.crop.top}`);
    assert.ok(Math.abs(report.crop.scale / expected.crop.scale - 1) < 0.005, 'crop scale');
    if (!toleratedFlip) {
      assert.equal(report.verdict, expected.verdict);
      assert.equal(Boolean(report.jpeg), Boolean(expected.output), 'a JPEG from one build only');
    }
    const sameWindow = report.crop.left === expected.crop.left && report.crop.top === expected.crop.top &&
      report.crop.scale === expected.crop.scale;
    if (expected.output && report.jpeg && sameWindow) {
      const stem = basename(expected.file, '.png');
      const nativeJpeg = nativeJpegs.find((name) => name.startsWith(`${stem}-`));
      const nativeBytes = readFileSync(join(fixturesDir, 'native-jpeg', nativeJpeg));
      assert.ok(Math.abs(report.jpeg.bytes.length / nativeBytes.length - 1) < 0.01,
        `JPEG ${report.jpeg.bytes.length} bytes vs native ${nativeBytes.length}`);
      assert.deepEqual(Buffer.from(report.jpeg.bytes.subarray(0, 20)), nativeBytes.subarray(0, 20), 'the same JFIF header');
    }
  });
}

test('check() before a profile is loaded is an error, not a crash', async () => {
  const fresh = await loadCore();
  const report = fresh.check(readPng(native[0].file));
  assert.equal(report.verdict, 'error');
  assert.equal(report.error.code, 'invalid_profile');
});

test('a malformed profile is refused naming the field', () => {
  const text = readFileSync(join(repoRoot, 'profiles', 'chsi-graduate.json'), 'utf8').replace('"dpi": 300', '"dpi": -3');
  const error = core.loadProfile(text);
  assert.equal(error.code, 'invalid_profile');
  assert.match(error.message_en, /output\.dpi/);
  assert.match(error.message_zh, /output\.dpi/);
});
