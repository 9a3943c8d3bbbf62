// Start-up of two versions of the app compared in pairs: this tree against another
// checkout (a `git worktree` of the commit to compare with, say), each served by its
// own tree's server, the cold and warm visits of app-startup.mjs taken in turns, A then
// B, then B then A, on fresh browser profiles. On this 2-core machine the same commit's
// start-up medians move by 100 to 200 ms between runs minutes apart, which hides a
// 50 ms change; the difference within each pair, taken moments apart, does not drift
// with the machine. Writes build/bench/startup-ab.json.
//   git worktree add /tmp/base <commit> && ln -s "$PWD/node_modules" /tmp/base/
//   node bench/startup-ab.mjs /tmp/base [PAIRS] [OUT.json]
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { benchOut, median, repoRoot, round } from './browser/harness.mjs';
import { coldThenWarm, compressAhead, launchStudentBrowser } from './browser/startup-visits.mjs';

const [otherTree, pairsArg, outArg] = process.argv.slice(2);
if (!otherTree) {
  console.error('usage: node bench/startup-ab.mjs OTHER_TREE [PAIRS] [OUT.json]');
  process.exit(2);
}
const PAIRS = Number(pairsArg ?? 8);
const outFile = outArg ?? join(benchOut, 'startup-ab.json');
const trees = { a: resolve(otherTree), b: repoRoot };

// Each tree's own server, so each is served exactly as its version serves itself.
const sides = {};
for (const [name, tree] of Object.entries(trees)) {
  const { startBenchServer } = await import(join(tree, 'bench', 'browser', 'harness.mjs'));
  const { server, url } = await startBenchServer();
  await compressAhead(url);
  sides[name] = { tree, server, url, cold: [], warm: [] };
}
try {
  for (let pair = 0; pair < PAIRS; pair++) {
    for (const name of pair % 2 ? ['b', 'a'] : ['a', 'b']) {
      const browser = await launchStudentBrowser();
      try {
        const { cold, warm } = await coldThenWarm(browser.context, sides[name].url);
        if (!warm.served_by_service_worker) throw new Error(`${sides[name].tree}: the warm visit was not served by the service worker`);
        sides[name].cold.push(cold.ms);
        sides[name].warm.push(warm.ms);
      } finally {
        await browser.close();
      }
    }
    console.log(`pair ${pair + 1}/${PAIRS}: cold a ${round(sides.a.cold[pair], 0)} b ${round(sides.b.cold[pair], 0)}, `
      + `warm a ${round(sides.a.warm[pair], 0)} b ${round(sides.b.warm[pair], 0)} ms`);
  }
} finally {
  for (const side of Object.values(sides)) side.server.close();
}

const differences = (visit) => sides.b[visit].map((ms, pair) => ms - sides.a[visit][pair]);
const compare = (visit) => ({
  a_median_ms: round(median(sides.a[visit]), 0),
  b_median_ms: round(median(sides.b[visit]), 0),
  // Negative: b (this tree) is faster.
  paired_difference_median_ms: round(median(differences(visit)), 0),
  b_faster_in_pairs: differences(visit).filter((difference) => difference < 0).length,
  differences_ms: differences(visit).map((ms) => round(ms, 0)),
  a_runs_ms: sides.a[visit].map((ms) => round(ms, 0)),
  b_runs_ms: sides.b[visit].map((ms) => round(ms, 0)),
});
const result = { what: 'navigation to the first live guidance, as bench/app-startup.mjs, two trees in turns', a: trees.a, b: trees.b,
  pairs: PAIRS, cold: compare('cold'), warm: compare('warm') };
writeFileSync(outFile, JSON.stringify(result, null, 2) + '\n');
for (const visit of ['cold', 'warm']) {
  const { a_median_ms: a, b_median_ms: b, paired_difference_median_ms: difference, b_faster_in_pairs: faster, differences_ms: all } = result[visit];
  console.log(`${visit}: a ${a} ms, b ${b} ms; b - a within a pair: median ${difference} ms (${Math.min(...all)} to ${Math.max(...all)}), `
    + `b faster in ${faster} of ${PAIRS}`);
}
