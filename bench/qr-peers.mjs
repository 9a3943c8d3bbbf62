// QR side by side in one headless Chromium page: our 采集码 step (zxing-wasm through the
// app's web/qr-read.js, the function the QR worker calls) against @zxing/library on the
// set bench/qr-set.mjs makes (clean, blurred, in perspective, low contrast, small in a
// large screenshot, photographed).
// Per image the median of a few rounds; a decode counts only when the text is exactly
// the payload. Each side also reports where its time went (stages), so the by-kind
// table says what a change bought. Writes build/bench/qr-peers.json.
//   node bench/qr-peers.mjs [OUT.json]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchOut, median, round, openPeerPage } from './browser/harness.mjs';

const ROUNDS = 5;
const setDir = join(benchOut, 'qr-set');
const outFile = process.argv[2] ?? join(benchOut, 'qr-peers.json');
const manifest = JSON.parse(readFileSync(join(setDir, 'manifest.json'), 'utf8'));

const { page, browser, assertNoErrors, close } = await openPeerPage('qr-peers');
try {
  await page.evaluate(() => window.bench.ready());
  // Warm both up (JIT tiers, wasm tier-up, first allocations) on one image of each kind:
  // with one image only, the first few measured images paid for compiling, on both sides.
  const firstOfEachKind = [...new Map(manifest.map((image) => [image.kind, image])).values()];
  for (const { file } of firstOfEachKind) {
    for (const side of ['ours', 'peer']) await page.evaluate(([s, u]) => window.bench[s](u), [side, `bench/out/qr-set/${file}`]);
  }

  const images = [];
  for (const { file, payload, kind } of manifest) {
    const entry = { file, kind };
    for (const side of ['ours', 'peer']) {
      const rounds = [];
      for (let i = 0; i < ROUNDS; i++) rounds.push(await page.evaluate(([s, u]) => window.bench[s](u), [side, `bench/out/qr-set/${file}`]));
      entry[`${side}_ms`] = round(median(rounds.map((r) => r.ms)));
      entry[`${side}_stages_ms`] = Object.fromEntries(Object.keys(rounds[0].stages).map((stage) => [stage, round(median(rounds.map((r) => r.stages[stage])))]));
      entry[`${side}_decoded`] = rounds[0].texts.includes(payload);
      if (side === 'ours') entry.ours_pass = rounds[0].pass;  // which of the reader's passes read it
    }
    images.push(entry);
  }
  assertNoErrors();

  const stageMedians = (list, side) => Object.fromEntries(Object.keys(list[0][`${side}_stages_ms`])
    .map((stage) => [stage, round(median(list.map((i) => i[`${side}_stages_ms`][stage])))]));
  const rate = (side, list = images) => round(list.filter((i) => i[`${side}_decoded`]).length / list.length, 3);
  const kinds = [...new Set(images.map((i) => i.kind))];
  const both = images.filter((i) => i.ours_decoded && i.peer_decoded);
  const result = {
    what: 'per image the median of 5 rounds; both from the same decoded image (ours from an ImageBitmap of the canvas, as the QR worker gets one; ' +
      'the peer from the canvas, as its browser reader draws one), each paying its own pixel read; decoded = exact payload',
    browser: `Chromium ${browser.version()} headless`,
    peer: '@zxing/library 0.23.0 (MultiFormatReader, QR only, TRY_HARDER, HybridBinarizer)',
    ours: 'zxing-wasm 3.1.4 reader through web/qr-read.js (VideoFrame copy, wasm SIMD luminance, a half-size pass, then full size and the thorough fallback)',
    images: images.length,
    decode_rate: { ours: rate('ours'), peer: rate('peer') },
    median_ms: { ours: round(median(images.map((i) => i.ours_ms))), peer: round(median(images.map((i) => i.peer_ms))) },
    median_ms_both_decoded: { images: both.length, ours: round(median(both.map((i) => i.ours_ms))), peer: round(median(both.map((i) => i.peer_ms))) },
    by_kind: Object.fromEntries(kinds.map((kind) => {
      const list = images.filter((i) => i.kind === kind);
      return [kind, { decoded_ours: list.filter((i) => i.ours_decoded).length, decoded_peer: list.filter((i) => i.peer_decoded).length, of: list.length,
        median_ms_ours: round(median(list.map((i) => i.ours_ms))), median_ms_peer: round(median(list.map((i) => i.peer_ms))),
        passes_ours: Object.fromEntries([...new Set(list.map((i) => i.ours_pass))].map((p) => [p, list.filter((i) => i.ours_pass === p).length])),
        stages_ms_ours: stageMedians(list, 'ours'), stages_ms_peer: stageMedians(list, 'peer') }];
    })),
    per_image: images,
  };
  result.ratio = { peer_ms_over_ours: round(result.median_ms.peer / result.median_ms.ours, 2) };
  result.target = {
    higher_decode_rate: result.decode_rate.ours > result.decode_rate.peer,
    at_least_3x_faster: result.ratio.peer_ms_over_ours >= 3,
  };
  writeFileSync(outFile, JSON.stringify(result, null, 2) + '\n');
  console.log(`QR (${images.length} images): decoded ours ${result.decode_rate.ours}, peer ${result.decode_rate.peer}; ` +
    `median ours ${result.median_ms.ours} ms, peer ${result.median_ms.peer} ms (${result.ratio.peer_ms_over_ours}x)`);
} finally {
  await close();
}
