// Makes the QR benchmark's set: 采集码-like payloads as QR codes (npm qrcode), then
// degraded the ways students hand them in: photographed (blur, perspective, noise,
// JPEG), low contrast, and small inside a large phone screenshot. Deterministic: the
// same payloads and the same ffmpeg filters every run. Writes the images and
// manifest.json (file, payload, kind) into the folder given (build/bench/qr-set).
//   node bench/qr-set.mjs [OUT_DIR]
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { benchOut } from './browser/harness.mjs';

const outDir = process.argv[2] ?? join(benchOut, 'qr-set');

// CHSI's codes are opaque encrypted text; base64-like strings of several lengths stand
// in for them (the QR version, and so the module size, grows with the length).
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function payload(length, seed) {
  let state = seed;
  let text = 'CHSI';
  while (text.length < length) {
    state = (state * 1103515245 + 12345) % 2147483648;   // a fixed LCG: the same text every run
    text += ALPHABET[state % 64];
  }
  return text;
}
const PAYLOADS = [payload(40, 1), payload(72, 2), payload(120, 3), payload(200, 4)];

// A code of 300 px on paper, laid on a grey table in an 800x800 frame, as seen by a phone.
const onTable = 'scale=300:300:flags=neighbor,pad=380:380:40:40:white,pad=800:800:210:210:0x8a8680';
const ffmpegLavfiScreen = (codeSide) => [
  '-f', 'lavfi', '-i', 'color=c=0xf4f5f7:s=1080x2340',
  '-filter_complex',
  // A status bar, page chrome and text-like bars around a small code, as in a 学信档案 screenshot.
  `[0]drawbox=x=0:y=0:w=1080:h=160:color=0x1565c0:t=fill,drawbox=x=60:y=260:w=960:h=40:color=0xc8ccd2:t=fill,` +
  `drawbox=x=60:y=340:w=700:h=40:color=0xc8ccd2:t=fill,drawbox=x=60:y=1500:w=960:h=300:color=0xffffff:t=fill[page];` +
  `[1]scale=${codeSide}:${codeSide}:flags=area[code];[page][code]overlay=x=(1080-${codeSide})/2:y=900`,
  '-frames:v', '1',
];

// kind -> how the clean code (a 360 px PNG with its quiet zone) becomes the test image.
const KINDS = {
  clean: { ext: 'png', filter: 'null' },
  'blur-1.2': { ext: 'jpg', filter: 'scale=300:300:flags=neighbor,pad=480:480:90:90:white,gblur=sigma=1.2' },
  'blur-2.0': { ext: 'jpg', filter: 'scale=300:300:flags=neighbor,pad=480:480:90:90:white,gblur=sigma=2.0' },
  'blur-2.8': { ext: 'jpg', filter: 'scale=300:300:flags=neighbor,pad=480:480:90:90:white,gblur=sigma=2.8' },
  'perspective-mild': { ext: 'jpg', filter: `${onTable},perspective=x0=120:y0=160:x1=700:y1=90:x2=170:y2=700:x3=760:y3=640:sense=destination,gblur=sigma=0.8,noise=alls=8:allf=u` },
  'perspective-strong': { ext: 'jpg', filter: `${onTable},perspective=x0=200:y0=220:x1=640:y1=60:x2=160:y2=620:x3=760:y3=760:sense=destination,gblur=sigma=0.8,noise=alls=8:allf=u` },
  'low-contrast-0.35': { ext: 'jpg', filter: 'scale=300:300:flags=neighbor,pad=480:480:90:90:white,eq=contrast=0.35:brightness=0.15,noise=alls=4:allf=u' },
  'low-contrast-0.2': { ext: 'jpg', filter: 'scale=300:300:flags=neighbor,pad=480:480:90:90:white,eq=contrast=0.2:brightness=0.2,noise=alls=4:allf=u' },
  'screenshot-small-200': { ext: 'png', screen: 200 },
  'screenshot-small-140': { ext: 'png', screen: 140 },
  // Everything at once: a phone photo of a printed code in dim light.
  photographed: { ext: 'jpg', filter: `${onTable},perspective=x0=150:y0=190:x1=690:y1=110:x2=140:y2=690:x3=740:y3=700:sense=destination,` +
    'gblur=sigma=1.4,eq=contrast=0.55:brightness=-0.05,noise=alls=12:allf=u,scale=1280:-1' },
};

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const manifest = [];
for (const [index, text] of PAYLOADS.entries()) {
  const clean = join(outDir, `code-${index}.png`);
  writeFileSync(clean, await QRCode.toBuffer(text, { type: 'png', width: 360, margin: 4, errorCorrectionLevel: 'M' }));
  for (const [kind, recipe] of Object.entries(KINDS)) {
    const file = `${kind}-${index}.${recipe.ext}`;
    const args = recipe.screen
      ? [...ffmpegLavfiScreen(recipe.screen).slice(0, 4), '-i', clean, ...ffmpegLavfiScreen(recipe.screen).slice(4)]
      : ['-i', clean, '-vf', recipe.filter];
    execFileSync('ffmpeg', ['-v', 'error', '-y', ...args, ...(recipe.ext === 'jpg' ? ['-q:v', '4'] : []), join(outDir, file)]);
    manifest.push({ file, payload: text, kind });
  }
}
writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
console.log(`qr-set: ${manifest.length} images (${Object.keys(KINDS).length} kinds x ${PAYLOADS.length} payloads) in ${outDir}`);
