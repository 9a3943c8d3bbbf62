// Batch checking, native against wasm, on the same photos: the gradphoto command line
// over a folder (100 photos: the 20 neutral frontal photos five times; decode included)
// on all cores and on one, against check() of the wasm build in Node, one thread, per
// photo (decoded beforehand by ffmpeg, the file's bytes passed along as the page does).
// Writes build/bench/batch.json.
//   node bench/batch.mjs CLI [OUT.json]
import { execFileSync, spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCore, repoRoot, testdataDir } from '../tests/wasm/load-core.mjs';
import { benchOut, median, round } from './browser/harness.mjs';

const COPIES = 5;
const WASM_ROUNDS = 3;
const [cli, outFile = join(benchOut, 'batch.json')] = process.argv.slice(2);
if (!cli) throw new Error('usage: node bench/batch.mjs PATH/TO/gradphoto [OUT.json]');

const folder = join(testdataDir, 'webmorphR.stim', 'inst', 'neutral_front');
const photos = readdirSync(folder).filter((name) => name.endsWith('.jpg')).sort().map((name) => join(folder, name));
const batchDir = join(benchOut, 'cli-batch');
rmSync(batchDir, { recursive: true, force: true });
mkdirSync(batchDir, { recursive: true });
for (let copy = 1; copy <= COPIES; copy++) for (const photo of photos) symlinkSync(photo, join(batchDir, `${copy}-${photo.split('/').pop()}`));

function runCli(jobs) {
  const outDir = join(benchOut, `cli-out-${jobs}`);
  rmSync(outDir, { recursive: true, force: true });
  const started = performance.now();
  const run = spawnSync(cli, ['check', '--json', '--jobs', String(jobs), '--out', outDir, batchDir], { maxBuffer: 1 << 28 });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0 && run.status !== 1) throw new Error(`gradphoto check exited ${run.status}: ${run.stderr}`);
  const count = run.stdout.toString().trim().split('\n').length;
  return { jobs, photos: count, seconds: round(seconds), photos_per_second: round(count / seconds, 1), ms_per_photo: round((seconds * 1000) / count, 1) };
}

async function runWasm() {
  const core = await loadCore();
  const profileError = core.loadProfile(readFileSync(join(repoRoot, 'profiles', 'chsi-graduate.json'), 'utf8'));
  if (profileError) throw new Error(profileError.message_en);
  const perPhoto = [];
  for (const photo of photos) {
    const [width, height] = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', photo])
      .toString().trim().split(',').map(Number);
    const rgba = execFileSync('ffmpeg', ['-v', 'error', '-i', photo, '-f', 'rawvideo', '-pix_fmt', 'rgba', '-'], { maxBuffer: width * height * 4 + 1024 });
    const image = { data: new Uint8Array(rgba.buffer, rgba.byteOffset, rgba.length), width, height, file: new Uint8Array(readFileSync(photo)) };
    core.check(image);   // the first check of a photo builds tables and tiers code up: not timed
    const times = [];
    for (let i = 0; i < WASM_ROUNDS; i++) {
      const started = performance.now();
      core.check(image);
      times.push(performance.now() - started);
    }
    perPhoto.push(median(times));
  }
  return { photos: photos.length, ms_per_photo: round(median(perPhoto), 1), photos_per_second_one_thread: round(1000 / median(perPhoto), 1) };
}

const cliAll = runCli(cpus().length);
const cliOne = runCli(1);
const wasm = await runWasm();
const result = {
  what: 'command line: wall time over the folder, decode and JPEG writing included; wasm: median per photo of check() in Node, decode excluded',
  cores: cpus().length,
  cli_all_cores: cliAll,
  cli_one_core: cliOne,
  wasm_node_one_thread: wasm,
  ratio: {
    wasm_ms_over_cli_one_core_ms: round(wasm.ms_per_photo / cliOne.ms_per_photo, 2),
    cli_all_cores_speedup_over_one: round(cliAll.photos_per_second / cliOne.photos_per_second, 2),
  },
};
writeFileSync(outFile, JSON.stringify(result, null, 2) + '\n');
console.log(`batch: gradphoto check ${cliAll.photos_per_second} photos/s on ${result.cores} cores (${cliOne.photos_per_second} on one); ` +
  `wasm in Node ${wasm.ms_per_photo} ms per photo (${result.ratio.wasm_ms_over_cli_one_core_ms}x the native time on one core)`);
