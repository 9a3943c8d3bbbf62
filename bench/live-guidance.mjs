// Live guidance in the student app at 640x480 (Chromium's fake camera playing a real
// photo): guidance frames per second over a fixed window once the page has settled,
// and the main thread's long tasks (over 50 ms, the Long Tasks API) in that window.
// Writes build/bench/live.json.
//   node bench/live-guidance.mjs [OUT.json]
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeWebcamFile, fakeCameraArgs, openCamera } from './browser/camera.mjs';
import { benchOut, launchChromium, round, startBenchServer } from './browser/harness.mjs';

const SETTLE_FRAMES = 30;
const WINDOW_MS = 10_000;
const outFile = process.argv[2] ?? join(benchOut, 'live.json');

const { server, url } = await startBenchServer();
const browser = await launchChromium(fakeCameraArgs(makeWebcamFile()));
let result;
try {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(url);
  await openCamera(page);
  const frames = () => page.evaluate(() => Number(document.querySelector('grad-photo-check').dataset.liveFrames ?? 0));
  await page.waitForFunction((n) => Number(document.querySelector('grad-photo-check').dataset.liveFrames ?? 0) >= n, SETTLE_FRAMES, { timeout: 60_000 });
  const start = { frames: await frames(), at: await page.evaluate(() => performance.now()) };
  await page.waitForTimeout(WINDOW_MS);
  const end = { frames: await frames(), at: await page.evaluate(() => performance.now()) };
  const longTasks = await page.evaluate(([from, to]) => window.__longTasks.filter((t) => t.start >= from && t.start <= to), [start.at, end.at]);
  const video = await page.evaluate(() => {
    const element = document.querySelector('grad-photo-check');
    const v = element.shadowRoot.querySelector('video.gp-video');
    return { width: v.videoWidth, height: v.videoHeight, guidance: element.dataset.guidance };
  });
  result = {
    what: `guidance results per second over ${WINDOW_MS / 1000} s after ${SETTLE_FRAMES} frames; main-thread tasks over 50 ms in that window`,
    browser: `Chromium ${browser.version()} headless`,
    camera: `${video.width}x${video.height}`,
    guidance: video.guidance,
    fps: round(((end.frames - start.frames) * 1000) / (end.at - start.at), 1),
    frames: end.frames - start.frames,
    long_tasks: longTasks.length,
    longest_task_ms: round(Math.max(0, ...longTasks.map((t) => t.duration)), 0),
    target: { fps: 20, longest_task_ms: 50 },
  };
  result.met = { fps: result.fps >= 20, main_thread: result.long_tasks === 0 };
} finally {
  await browser.close();
  server.close();
}
writeFileSync(outFile, JSON.stringify(result, null, 2) + '\n');
console.log(`live guidance at ${result.camera}: ${result.fps} fps, ${result.long_tasks} main-thread tasks over 50 ms (longest ${result.longest_task_ms} ms)`);
