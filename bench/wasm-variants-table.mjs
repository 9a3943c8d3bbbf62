// Turns the wasm variants' sizes and timings into build/bench/wasm-variants.json, a
// Markdown table (wasm-variants.md), and the README's copy of that table between
// <!-- wasm-variants:begin --> and <!-- wasm-variants:end -->, so the README always
// shows what the benchmark last measured.
//   node bench/wasm-variants-table.mjs BENCH_DIR SHIPPED_WASM_DIR VARIANTS_DIR
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { repoRoot } from './browser/harness.mjs';

const [benchDir, shippedDir, variantsDir] = process.argv.slice(2);
const VARIANTS = [
  { name: 'O3', flags: '-O3', dir: shippedDir, shipped: true },
  { name: 'Os', flags: '-Os', dir: join(variantsDir, 'Os', 'wasm') },
  { name: 'O3-flto', flags: '-O3 -flto', dir: join(variantsDir, 'O3-flto', 'wasm') },
  { name: 'Os-flto', flags: '-Os -flto', dir: join(variantsDir, 'Os-flto', 'wasm') },
];

const rows = VARIANTS.map(({ name, flags, dir, shipped = false }) => {
  const wasm = readFileSync(join(dir, 'gradphoto.wasm'));
  const timing = JSON.parse(readFileSync(join(benchDir, `wasm-variant-${name}.json`), 'utf8')).benchmarks;
  return {
    name, flags, shipped,
    wasm_bytes: wasm.length,
    wasm_gzip_bytes: gzipSync(wasm, { level: 9 }).length,
    analyze_640x480_ms: timing.analyze_camera_frame_640x480.median_ms,
    analyze_4000x3000_ms: timing.analyze_photo_4000x3000.median_ms,
    check_4000x3000_ms: timing.check_photo_4000x3000.median_ms,
  };
});
writeFileSync(join(benchDir, 'wasm-variants.json'), JSON.stringify({
  what: 'gradphoto.wasm built with each flag set (OpenCV, libjpeg, zlib and the core alike); medians of 30 runs in Node, one thread, SIMD',
  variants: rows,
}, null, 2) + '\n');

const kb = (bytes) => (bytes / 1024).toFixed(0);
const table = [
  '| flags | gradphoto.wasm | gzip | analyze 640x480 | analyze 4000x3000 | check 4000x3000 |',
  '|---|---:|---:|---:|---:|---:|',
  ...rows.map((r) => `| \`${r.flags}\`${r.shipped ? ' (shipped)' : ''} | ${kb(r.wasm_bytes)} KB | ${kb(r.wasm_gzip_bytes)} KB | ` +
    `${r.analyze_640x480_ms} ms | ${r.analyze_4000x3000_ms} ms | ${r.check_4000x3000_ms} ms |`),
].join('\n');
writeFileSync(join(benchDir, 'wasm-variants.md'), `${table}\n`);

const readmePath = join(repoRoot, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const begin = '<!-- wasm-variants:begin -->';
const end = '<!-- wasm-variants:end -->';
const at = readme.indexOf(begin);
const until = readme.indexOf(end);
if (at < 0 || until < at) throw new Error(`README.md has no ${begin} ... ${end} section`);
writeFileSync(readmePath, `${readme.slice(0, at + begin.length)}\n${table}\n${readme.slice(until)}`);
console.log(table);
