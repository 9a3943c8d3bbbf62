// The threads core build (gradphoto-threads: a check's rules and output JPEG spread over
// the device's cores) must say exactly what the one-thread build says, on the page as
// the app's server serves it (cross-origin isolated): same verdict, every check's verdict
// and value, and the same JPEG bytes, for photos that warn (JPEG kept) and that fail
// (JPEG encoded beside the rules, then dropped).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testdataDir } from './fixtures.mjs';
import { openTestPage } from './test-page.mjs';

const TIMEOUT_MS = 120_000;
const PHOTOS = ['webmorphR.stim/inst/neutral_front/006_03.jpg', 'webmorphR.stim/inst/neutral_front/001_03.jpg',
  'webmorphR.stim/inst/smiling_front/011_08.jpg', 'webmorphR.stim/inst/canada/003f.jpg'];

let page;
let close;

before(async () => {
  ({ page, close } = await openTestPage('core-builds', TIMEOUT_MS));
});

after(async () => {
  await close?.();
});

test('the app server isolates the page, so it loads the threads build', { timeout: TIMEOUT_MS }, async () => {
  const { isolated, loaded } = await page.evaluate(() => window.coreBuilds);
  assert.equal(isolated, true);
  assert.deepEqual(loaded, ['single', 'threads']);
});

for (const photo of PHOTOS) {
  test(`the threads build gives the one-thread build's report: ${photo}`, { timeout: TIMEOUT_MS }, async () => {
    const jpeg = [...readFileSync(join(testdataDir, photo))];
    const { single, threads } = await page.evaluate((bytes) => window.coreBuilds.checkWithBoth(bytes), jpeg);
    assert.equal(single.error, null);
    assert.ok(single.checks.length > 20, `${single.checks.length} checks`);
    assert.deepEqual(threads, single);
  });
}
