// The fake camera the in-browser app benchmarks play to Chromium: a 640x480 webcam
// frame made from a real test photo (the student centred, the sides filled with the
// photo's own backdrop grey), as a y4m for --use-file-for-fake-video-capture.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { benchOut, testdataDir } from './harness.mjs';

export function makeWebcamFile() {
  mkdirSync(benchOut, { recursive: true });
  const file = join(benchOut, 'camera-640x480.y4m');
  const photo = join(testdataDir, 'webmorphR.stim', 'inst', 'neutral_front', '006_03.jpg');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', photo, '-vf', 'scale=480:480,pad=640:480:80:0:0xCDD1D2,format=yuv420p',
    '-frames:v', '1', '-r', '30', file]);
  return file;
}

export const fakeCameraArgs = (file) => ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
  `--use-file-for-fake-video-capture=${file}`];

// The student's way to the camera on the standalone page: skip the 采集码 step (no
// require-code there), and auto-capture off so the camera keeps running.
export async function openCamera(page) {
  await page.click('text=暂时跳过');
  await page.waitForSelector('grad-photo-check[data-step="photo"]', { state: 'attached' });
  await page.locator('.gp-toggle input').uncheck();
}

// The same, done inside the page the moment the skip button is on screen (an init
// script), so a start-up time measures the app and not the test driver's polling.
export function skipToCameraOnLoad() {
  const poll = () => {
    const root = document.querySelector('grad-photo-check')?.shadowRoot;
    const skip = root?.querySelector('section[data-step="code"] .gp-nav .gp-quiet');
    if (!skip?.isConnected) {
      setTimeout(poll, 4);
      return;
    }
    root.querySelector('.gp-toggle input').checked = false;
    skip.click();
  };
  poll();
}
