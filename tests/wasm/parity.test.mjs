// The wasm build, run in Node, against the native build on the same pixels:
// the same faces, points within 0.5 px and angles within 0.5 degree (issue #2).
// Needs GRADPHOTO_FIXTURES_DIR from tests/wasm/make-fixtures.sh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, basename } from 'node:path';
import { loadCore, readPng } from './load-core.mjs';

const fixturesDir = process.env.GRADPHOTO_FIXTURES_DIR;
const MAX_POINT_DIFFERENCE_PX = 0.5;
const MAX_ANGLE_DIFFERENCE_DEG = 0.5;
const core = await loadCore();

const native = readFileSync(join(fixturesDir, 'native.jsonl'), 'utf8')
  .trim().split('\n').map((line) => JSON.parse(line));

test('fixtures cover every photo set', () => {
  assert.ok(native.length >= 36, `only ${native.length} fixtures`);
});

for (const expected of native) {
  test(`wasm matches native on ${basename(expected.file)}`, () => {
    const result = core.analyze(readPng(expected.file));
    assert.equal(result.error, null);
    assert.equal(result.face_count, expected.face_count);
    for (let f = 0; f < expected.faces.length; f++) {
      const ours = result.faces[f];
      const theirs = expected.faces[f];
      let worst = 0;
      for (let i = 0; i < theirs.mesh.length; i++) {
        if (i % 3 === 2) continue;  // x and y only; z is relative depth
        worst = Math.max(worst, Math.abs(ours.mesh[i] - theirs.mesh[i]));
      }
      // The native JSON rounds to 0.01 px, inside the tolerance.
      assert.ok(worst <= MAX_POINT_DIFFERENCE_PX, `mesh differs by up to ${worst.toFixed(3)} px`);
      for (const [name, point] of Object.entries(theirs.key_points)) {
        assert.ok(Math.abs(ours.key_points[name].x - point.x) <= MAX_POINT_DIFFERENCE_PX, name);
        assert.ok(Math.abs(ours.key_points[name].y - point.y) <= MAX_POINT_DIFFERENCE_PX, name);
      }
      for (const angle of ['yaw', 'pitch', 'roll']) {
        assert.ok(Math.abs(ours.pose[angle] - theirs.pose[angle]) <= MAX_ANGLE_DIFFERENCE_DEG,
          `${angle}: wasm ${ours.pose[angle]} native ${theirs.pose[angle]}`);
      }
    }
  });
}
