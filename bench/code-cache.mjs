// When does Chromium keep a wasm module's compiled code for the next visit (its wasm
// code cache)? A probe with a module of its own, not part of tools/bench.sh; the
// README's Benchmarks section says what it found and why the app's core is read as it is.
// For each way of loading (code-cache-page.js: http, match, handler, route), with V8's
// thresholds as they ship and with the hard threshold lowered to 10 KB, three visits on
// one fresh profile: each compiles the module in a worker, runs 300 of its functions hot
// for 4 s and idles 4 s; a trace of each visit shows a cache written
// (v8.wasm.cachedModule) or read (v8.wasm.moduleCacheHit).
// Writes build/bench/code-cache.json.
//   node bench/code-cache.mjs [OUT.json]   (after tools/deps/bootstrap.sh: it needs emcc)
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { benchOut, launchProfile, round, startBenchServer } from './browser/harness.mjs';

const WAYS = ['http', 'match', 'handler', 'route'];
const SETTINGS = [
  { name: 'as shipped', args: [] },
  { name: 'hard threshold 10 KB', args: ['--js-flags=--wasm-caching-hard-threshold=10000'] },
];
const VISITS = 3;
// Long enough for the closed page's module to be gone, so a visit that compiles fast
// read the cache rather than found the module still in memory.
const PAUSE_MS = 3000;
const FUNCTIONS = 3000;
const outFile = process.argv[2] ?? join(benchOut, 'code-cache.json');

// About 630 KB of wasm: FUNCTIONS small functions of mixed arithmetic, a table of them
// and work(n, span), which calls the first span of them n times in turn.
function buildModule() {
  const dir = join(benchOut, 'code-cache');
  mkdirSync(dir, { recursive: true });
  let seed = 12345;
  const next = (max) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return 1 + (seed % max);
  };
  const lines = ['#include <stdint.h>', 'typedef uint32_t u32;'];
  for (let i = 0; i < FUNCTIONS; i++) {
    const [a, b, c, m] = [next(1 << 20), next(31), next(1 << 16), next(96)];
    lines.push(`__attribute__((noinline)) u32 f${i}(u32 x) { for (int k = 0; k < ${2 + next(7)}; k++) { ` +
      `x = (x * ${a}u) ^ (x >> ${b}); x += ${c}u + (u32)k; if (x % ${m + 1}u == 0) x ^= ${a}u; } return x; }`);
  }
  lines.push(`static u32 (*const table[])(u32) = {${Array.from({ length: FUNCTIONS }, (_, i) => `f${i}`).join(',')}};`);
  lines.push('__attribute__((export_name("work"))) u32 work(u32 n, u32 span) { u32 x = n; for (u32 i = 0; i < n; i++) x = table[i % span](x + i); return x; }');
  writeFileSync(join(dir, 'hot.c'), `${lines.join('\n')}\n`);
  execFileSync('emcc', ['-O2', join(dir, 'hot.c'), '-o', join(dir, 'hot.wasm'), '--no-entry', '-sSTANDALONE_WASM'], { stdio: 'inherit' });
}

// One visit in a new tab, traced: the worker's timings and the cache events.
async function visit(context, url) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (message) => events.push(...message.value));
  const traced = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['disabled-by-default-devtools.timeline', 'v8.wasm'] }, transferMode: 'ReportEvents' });
  await page.goto(url);
  let result = await page.evaluate(() => window.result);
  if (result.reload) {
    await page.reload();
    result = await page.evaluate(() => window.result);
  }
  await cdp.send('Tracing.end');
  await traced;
  await page.close();
  if (result.error) throw new Error(result.error);
  const sizes = (name, key) => events.filter((e) => e.name === name).map((e) => e.args?.[key]);
  return { compile_ms: round(result.compile_ms, 1), first_call_ms: round(result.first_call_ms, 1),
    cache_written_bytes: sizes('v8.wasm.cachedModule', 'producedCacheSize'), cache_read_bytes: sizes('v8.wasm.moduleCacheHit', 'consumedCacheSize') };
}

buildModule();
const { server, url } = await startBenchServer();
const scenarios = [];
try {
  for (const setting of SETTINGS) {
    for (const way of WAYS) {
      const browser = await launchProfile(setting.args);
      try {
        const visits = [];
        for (let i = 0; i < VISITS; i++) {
          if (i > 0) await sleep(PAUSE_MS);
          visits.push(await visit(browser.context, new URL(`bench/code-cache.html?way=${way}`, url).href));
        }
        scenarios.push({ way, v8: setting.name, written: visits.some((v) => v.cache_written_bytes.length > 0),
          read: visits.slice(1).some((v) => v.cache_read_bytes.length > 0), visits });
      } finally {
        await browser.close();
      }
    }
  }
} finally {
  server.close();
}
const result = { what: 'a 630 KB wasm module compiled in a worker, 300 of its functions run hot for 4 s, then 4 s idle; 3 visits per row on a fresh profile, 3 s apart',
  date: new Date().toISOString(), scenarios };
writeFileSync(outFile, `${JSON.stringify(result, null, 2)}\n`);
for (const s of scenarios) {
  console.log(`${s.way.padEnd(8)} ${s.v8.padEnd(21)} cache written: ${s.written ? 'yes' : 'no '}  read by a later visit: ${s.read ? 'yes' : 'no '}  ` +
    `compile ms: ${s.visits.map((v) => v.compile_ms).join(', ')}`);
}
