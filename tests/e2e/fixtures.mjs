// Test inputs for the student app, made at test time under build/e2e/ from the shared
// test photos (never copied into the repository): camera streams (y4m for Chromium's
// fake capture device), QR images of the 采集码, and images without a code.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { sidewaysExifJpeg } from '../../tools/badinput/make-corpus.mjs';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const fixturesDir = join(repoRoot, 'build', 'e2e');
export const testdataDir = process.env.GRADPHOTO_TESTDATA_DIR ?? join(repoRoot, '..', 'shared', 'testdata');
export const framedPhoto = join(testdataDir, 'webmorphR.stim', 'inst', 'neutral_front', '006_03.jpg');

const ffmpeg = (...args) => execFileSync('ffmpeg', ['-v', 'error', '-y', ...args]);

// A phone held upright in photo mode (960x1280, 3:4) with the student well framed: the
// 1350x1350 photo scaled to 1417 (face ~450 px wide) and cut around the face, so the eyes
// sit in the middle of the eye band and nothing but the real photo is in the frame.
export function makeFramedCamera() {
  mkdirSync(fixturesDir, { recursive: true });
  const file = join(fixturesDir, 'camera-framed-960x1280.y4m');
  ffmpeg('-i', framedPhoto, '-vf', 'scale=1417:1417,crop=960:1280:229:137,format=yuv420p', '-frames:v', '1', '-r', '30', file);
  return file;
}

// The same student far from the camera and off to one side, in a 640x480 webcam frame.
export function makeFarCamera() {
  mkdirSync(fixturesDir, { recursive: true });
  const file = join(fixturesDir, 'camera-far-640x480.y4m');
  ffmpeg('-i', framedPhoto, '-vf',
    'scale=200:200,pad=640:480:60:200:color=0x9ea2a1,format=yuv420p', '-frames:v', '1', '-r', '30', file);
  return file;
}

// A 采集码 shown to the camera: the code on white paper, filling part of the frame.
export async function makeQrCamera(payload) {
  mkdirSync(fixturesDir, { recursive: true });
  const png = join(fixturesDir, 'camera-qr.png');
  writeFileSync(png, await QRCode.toBuffer(payload, { type: 'png', width: 300, margin: 4 }));
  const file = join(fixturesDir, 'camera-qr-640x480.y4m');
  ffmpeg('-i', png, '-vf', 'pad=640:480:170:90:color=white,format=yuv420p', '-frames:v', '1', '-r', '30', file);
  return file;
}

export async function writeQr(name, payload, options = {}) {
  const file = join(fixturesDir, name);
  writeFileSync(file, await QRCode.toBuffer(payload, { type: 'png', width: 360, margin: 4, errorCorrectionLevel: 'M', ...options }));
  return file;
}

function blank(width, height, [r, g, b]) {
  const png = new PNG({ width, height });
  for (let i = 0; i < png.data.length; i += 4) {
    png.data[i] = r;
    png.data[i + 1] = g;
    png.data[i + 2] = b;
    png.data[i + 3] = 255;
  }
  return png;
}

// A phone screenshot of the 学信档案 page: a status bar, grey page chrome and the code
// in the middle; readable, as a full saved screenshot is.
export async function writeScreenshotWithQr(name, payload) {
  const code = PNG.sync.read(await QRCode.toBuffer(payload, { type: 'png', width: 420, margin: 4 }));
  const screen = blank(1080, 2340, [244, 245, 247]);
  const bar = blank(1080, 160, [21, 101, 192]);
  PNG.bitblt(bar, screen, 0, 0, 1080, 160, 0, 0);
  PNG.bitblt(code, screen, 0, 0, code.width, code.height, (1080 - code.width) >> 1, 900);
  const file = join(fixturesDir, name);
  writeFileSync(file, PNG.sync.write(screen));
  return file;
}

// Two codes side by side on one white image: the page reads the first and warns.
export async function writeTwoQrs(name, first, second) {
  const image = blank(760, 400, [255, 255, 255]);
  for (const [index, payload] of [first, second].entries()) {
    const code = PNG.sync.read(await QRCode.toBuffer(payload, { type: 'png', width: 360, margin: 4 }));
    PNG.bitblt(code, image, 0, 0, code.width, code.height, 20 + index * 380, 20);
  }
  const file = join(fixturesDir, name);
  writeFileSync(file, PNG.sync.write(image));
  return file;
}

// A screenshot cropped through the code: two of the three finder patterns are gone.
export async function writeCroppedQr(name, payload) {
  const code = PNG.sync.read(await QRCode.toBuffer(payload, { type: 'png', width: 360, margin: 4 }));
  const half = blank(360, 150, [255, 255, 255]);
  PNG.bitblt(code, half, 0, 210, 360, 150, 0, 0);
  const file = join(fixturesDir, name);
  writeFileSync(file, PNG.sync.write(half));
  return file;
}

export function writeText(name, text) {
  const file = join(fixturesDir, name);
  writeFileSync(file, text);
  return file;
}

// A phone photo stored sideways with an EXIF orientation tag, as phone cameras write
// them (made as the bad-input corpus makes its case): only a reader that applies the
// tag sees an upright face.
export function writeSidewaysExifPhoto(name) {
  const file = join(fixturesDir, name);
  sidewaysExifJpeg(framedPhoto, file);
  return file;
}

// Width and height from a JPEG's start-of-frame marker.
export function jpegSize(bytes) {
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) throw new Error(`not a JPEG marker at ${offset}`);
    const marker = bytes[offset + 1];
    const length = bytes.readUInt16BE(offset + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) };
    }
    offset += 2 + length;
  }
  throw new Error('no start-of-frame marker');
}

export const readBytes = (file) => readFileSync(file);
