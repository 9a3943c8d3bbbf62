// Runs in the benchmark's Chromium page: our 采集码 reader (zxing-wasm through the app's
// own web/qr-read.js, as web/qr-worker.js calls it) and @zxing/library (the JS port, the way
// its browser reader uses it: canvas luminance, hybrid binarizer, TRY_HARDER) on the
// same decoded image. Both start from the same canvas, so each pays its own pixel read.
// bench/qr-peers.mjs drives it.
/* global ZXing */
import { prepareZXingModule, readBarcodes } from '../vendor/zxing-wasm/es/reader/index.js';
import { readCodes } from '../qr-read.js';

const root = new URL('../', import.meta.url);
const canvases = new Map();

const ready = prepareZXingModule({
  overrides: { locateFile: (path, prefix) => (path.endsWith('.wasm') ? new URL(`vendor/zxing-wasm/reader/${path}`, root).href : prefix + path) },
  fireImmediately: true,
});

const peerHints = new Map([
  [ZXing.DecodeHintType.POSSIBLE_FORMATS, [ZXing.BarcodeFormat.QR_CODE]],
  [ZXing.DecodeHintType.TRY_HARDER, true],
]);
const peerReader = new ZXing.MultiFormatReader();
peerReader.setHints(peerHints);

async function canvasOf(url) {
  if (!canvases.has(url)) {
    const bitmap = await createImageBitmap(await (await fetch(new URL(url, root))).blob());
    const canvas = document.createElement('canvas');
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    canvas.getContext('2d', { willReadFrequently: true }).drawImage(bitmap, 0, 0);
    bitmap.close();
    canvases.set(url, canvas);
  }
  return canvases.get(url);
}

async function ours(url) {
  const canvas = await canvasOf(url);
  await ready;
  const started = performance.now();
  const pixels = canvas.getContext('2d', { willReadFrequently: true }).getImageData(0, 0, canvas.width, canvas.height);
  const codes = await readCodes(readBarcodes, pixels);
  const ms = performance.now() - started;
  return { ms, texts: codes.map((code) => code.text) };
}

async function peer(url) {
  const canvas = await canvasOf(url);
  const started = performance.now();
  let texts = [];
  try {
    const source = new ZXing.HTMLCanvasElementLuminanceSource(canvas);
    texts = [peerReader.decode(new ZXing.BinaryBitmap(new ZXing.HybridBinarizer(source)), peerHints).getText()];
  } catch (error) {
    if (!(error instanceof ZXing.NotFoundException || error instanceof ZXing.ChecksumException || error instanceof ZXing.FormatException)) throw error;
  }
  return { ms: performance.now() - started, texts };
}

window.bench = { ours, peer, ready: () => ready.then(() => true) };
