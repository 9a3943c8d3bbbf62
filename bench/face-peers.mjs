// Face analysis side by side in one headless Chromium page: our wasm check() (every
// rule) and analyze() against MediaPipe's Face Mesh JS solution (npm @mediapipe/face_mesh,
// where our landmark model comes from) on the same real photos. Per photo the median of
// a few rounds, then the median over the photos. Writes build/bench/face-peers.json.
//   node bench/face-peers.mjs [OUT.json]
import { readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { benchOut, median, round, testdataDir, openPeerPage } from './browser/harness.mjs';

const ROUNDS = 3;
const WARMUP_PHOTOS = 3;
// The frontal sets: 20 neutral and 20 smiling students, 1350x1350, as a phone or a
// studio would hand them in.
const FOLDERS = ['webmorphR.stim/inst/neutral_front', 'webmorphR.stim/inst/smiling_front'];

const outFile = process.argv[2] ?? join(benchOut, 'face-peers.json');
const photos = FOLDERS.flatMap((folder) => readdirSync(join(testdataDir, folder))
  .filter((name) => name.endsWith('.jpg')).sort().map((name) => `${folder}/${name}`));
if (photos.length < 30) throw new Error(`face-peers: only ${photos.length} photos under ${testdataDir}`);

// Both pages cross-origin isolated, as the app's server serves the app. This one: our
// one-thread build and the peer; the second (below): gradphoto-threads alone.
const { page, browser, assertNoErrors, close: closePage } = await openPeerPage('face-peers');
let pageOpen = true;
const close = async () => {
  if (pageOpen) await closePage();
  pageOpen = false;
};
const threadsRuns = new Map();
try {
  const load = { ours_ms: await page.evaluate(() => window.bench.loadOurs()), peer_ms: await page.evaluate(() => window.bench.loadPeer()) };
  for (const photo of photos.slice(0, WARMUP_PHOTOS)) await page.evaluate((u) => window.bench.runOnce(u), `bench/testdata/${photo}`);

  const perPhoto = [];
  for (const photo of photos) {
    const rounds = [];
    for (let i = 0; i < ROUNDS; i++) rounds.push(await page.evaluate((u) => window.bench.runOnce(u), `bench/testdata/${photo}`));
    const pick = (key) => median(rounds.map((r) => r[key]));
    const { width, height, our_faces: ourFaces, our_verdict: verdict, our_checks: checks, peer_faces: peerFaces, eye_corner_gap_px: gap } = rounds[0];
    // Where our check's time goes (the core's own clock; the rest of check_ms is the copy
    // into wasm memory and building the report object), and its slowest rules.
    const stages = Object.fromEntries(Object.keys(rounds[0].our_stages_ms ?? {})
      .map((stage) => [stage, round(median(rounds.map((r) => r.our_stages_ms[stage])))]));
    const rules = Object.fromEntries(Object.keys(rounds[0].our_check_timings_ms ?? {})
      .map((id) => [id, median(rounds.map((r) => r.our_check_timings_ms[id]))]));
    perPhoto.push({ photo, width, height, check_ms: round(pick('check_ms')), analyze_ms: round(pick('analyze_ms')),
      our_stages_ms: stages, our_rules_ms: rules,
      peer_fresh_ms: round(pick('peer_fresh_ms')), peer_tracked_ms: round(pick('peer_tracked_ms')),
      peer_photo_mode_ms: round(pick('peer_photo_mode_ms')), peer_photo_mode_faces: rounds[0].peer_photo_mode_faces, our_faces: ourFaces, peer_faces: peerFaces, verdict, checks, eye_corner_gap_px: round(gap) });
  }
  const urls = photos.map((photo) => `bench/testdata/${photo}`);
  const sequence = [];
  for (let i = 0; i < ROUNDS; i++) sequence.push(await page.evaluate((u) => window.bench.peerSequence(u), urls));
  perPhoto.forEach((entry, index) => {
    entry.peer_sequence_ms = round(median(sequence.map((times) => times[index])));
  });
  assertNoErrors();
  const chromiumVersion = browser.version();
  await close();

  // gradphoto-threads on a page of its own (the one-thread build loaded beside it only
  // to compare reports), the same photos and rounds.
  const threadsPage = await openPeerPage('face-peers');
  try {
    await threadsPage.page.evaluate(() => window.bench.loadOurs(true));
    for (const photo of photos.slice(0, WARMUP_PHOTOS)) await threadsPage.page.evaluate((u) => window.bench.runThreads(u), `bench/testdata/${photo}`);
    for (const photo of photos) {
      const rounds = [];
      for (let i = 0; i < ROUNDS; i++) rounds.push(await threadsPage.page.evaluate((u) => window.bench.runThreads(u), `bench/testdata/${photo}`));
      threadsRuns.set(photo, rounds);
    }
    threadsPage.assertNoErrors();
  } finally {
    await threadsPage.close();
  }
  for (const entry of perPhoto) {
    const rounds = threadsRuns.get(entry.photo);
    entry.check_threads_ms = round(median(rounds.map((r) => r.check_threads_ms)));
    entry.threads_stages_ms = Object.fromEntries(Object.keys(rounds[0].threads_stages_ms)
      .map((stage) => [stage, round(median(rounds.map((r) => r.threads_stages_ms[stage])))]));
    entry.threads_same_report = rounds.every((r) => r.threads_same_report === true);
  }

  const medianOf = (key) => round(median(perPhoto.map((p) => p[key])));
  const result = {
    what: 'median over photos of the per-photo median of 3 rounds; decode excluded for both; same page, main thread',
    browser: `Chromium ${chromiumVersion} headless, software rendering`,
    photos: perPhoto.length,
    peer: '@mediapipe/face_mesh 0.4.1657299874 (JS solution, 468 landmarks, CPU inference)',
    load_ms: { ours: round(load.ours_ms), peer: round(load.peer_ms) },
    // Photos (the check): each photo is new to both sides, so the peer's photo mode
    // (detection + landmarks on every image, MediaPipe's setting for unrelated photos)
    // and reset() are the like-for-like cost. Video (live guidance, frame after frame):
    // the peer follows the previous face (tracked, in a row), the like-for-like of our
    // per-frame analyze().
    median_ms: {
      our_check_all_rules: medianOf('check_ms'),
      // gradphoto-threads: the same check on the machine's cores (2 here), as a cross-origin
      // isolated page runs it; its reports must equal the one-thread build's.
      our_check_all_rules_threads: medianOf('check_threads_ms'),
      our_analyze: medianOf('analyze_ms'),
      peer_landmarks_photo_mode: medianOf('peer_photo_mode_ms'), // staticImageMode: detection + landmarks on every photo
      peer_landmarks_fresh_photo: medianOf('peer_fresh_ms'),     // reset(): detection + landmarks, as a new photo needs
      peer_landmarks_tracked: medianOf('peer_tracked_ms'),       // the same photo again: landmark model alone
      peer_photo_sequence: medianOf('peer_sequence_ms'),         // the photos in a row, no reset(): follows or detects
    },
    faces_found: { ours: perPhoto.filter((p) => p.our_faces === 1).length, peer: perPhoto.filter((p) => p.peer_faces === 1).length,
      peer_photo_mode: perPhoto.filter((p) => p.peer_photo_mode_faces === 1).length },
    median_eye_corner_gap_px: medianOf('eye_corner_gap_px'),
    threads_reports_identical: perPhoto.every((p) => p.threads_same_report),
    threads_stages_median_ms: Object.fromEntries(Object.keys(perPhoto[0].threads_stages_ms)
      .map((stage) => [stage, round(median(perPhoto.map((p) => p.threads_stages_ms[stage])))])),
    our_check_stages_median_ms: Object.fromEntries(Object.keys(perPhoto[0].our_stages_ms)
      .map((stage) => [stage, round(median(perPhoto.map((p) => p.our_stages_ms[stage])))])),
    our_slowest_rules_median_ms: Object.fromEntries(Object.keys(perPhoto[0].our_rules_ms)
      .map((id) => [id, round(median(perPhoto.map((p) => p.our_rules_ms[id])))])
      .sort((a, b) => b[1] - a[1]).slice(0, 8)),
    per_photo: perPhoto,
  };
  const m = result.median_ms;
  result.ratio = {
    our_check_threads_vs_peer_photo_mode: round(m.our_check_all_rules_threads / m.peer_landmarks_photo_mode, 3),
    our_check_threads_vs_peer_tracked: round(m.our_check_all_rules_threads / m.peer_landmarks_tracked, 3),
    our_check_threads_vs_peer_sequence: round(m.our_check_all_rules_threads / m.peer_photo_sequence, 3),
    our_check_vs_peer_photo_mode: round(m.our_check_all_rules / m.peer_landmarks_photo_mode, 3),
    our_check_vs_peer_fresh: round(m.our_check_all_rules / m.peer_landmarks_fresh_photo, 3),
    our_check_vs_peer_tracked: round(m.our_check_all_rules / m.peer_landmarks_tracked, 3),
    our_check_vs_peer_sequence: round(m.our_check_all_rules / m.peer_photo_sequence, 3),
    our_analyze_vs_peer_fresh: round(m.our_analyze / m.peer_landmarks_fresh_photo, 3),
    our_analyze_vs_peer_tracked: round(m.our_analyze / m.peer_landmarks_tracked, 3),
  };
  result.target = {
    // Every way of running the peer, the threads build against each (and equal reports).
    our_check_threads_no_slower_than_every_peer_mode: result.threads_reports_identical &&
      Math.max(result.ratio.our_check_threads_vs_peer_photo_mode, result.ratio.our_check_threads_vs_peer_tracked,
        result.ratio.our_check_threads_vs_peer_sequence, m.our_check_all_rules_threads / m.peer_landmarks_fresh_photo) <= 1,
    our_check_no_slower_than_peer_photo_mode: result.ratio.our_check_vs_peer_photo_mode <= 1,
    our_check_no_slower_than_peer_fresh: result.ratio.our_check_vs_peer_fresh <= 1,
    our_analyze_no_slower_than_peer_tracked: result.ratio.our_analyze_vs_peer_tracked <= 1,
    our_check_no_slower_than_peer_tracked: result.ratio.our_check_vs_peer_tracked <= 1,
    our_check_no_slower_than_peer_sequence: result.ratio.our_check_vs_peer_sequence <= 1,
  };
  mkdirSync(benchOut, { recursive: true });
  writeFileSync(outFile, JSON.stringify(result, null, 2) + '\n');
  console.log(`face analysis (${result.photos} photos): our check ${m.our_check_all_rules} ms (threads build ${m.our_check_all_rules_threads} ms, same reports: ${result.threads_reports_identical}), our analyze ${m.our_analyze} ms; ` +
    `MediaPipe landmarks ${m.peer_landmarks_photo_mode} ms per photo in its photo mode, ${m.peer_landmarks_fresh_photo} ms per new photo (reset), ${m.peer_photo_sequence} ms in a row, ${m.peer_landmarks_tracked} ms tracked`);
} finally {
  await close();
}
