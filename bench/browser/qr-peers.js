// Runs in the benchmark's Chromium page: our 采集码 reader (web/qr-read.js's read(), the
// function web/qr-worker.js calls, given an ImageBitmap as the worker is) and
// @zxing/library (the JS port, the way its browser reader uses it: canvas luminance,
// hybrid binarizer, TRY_HARDER) on the same decoded image: the bitmap is made from the
// canvas the peer reads, before the clock starts, so each pays its own pixel read.
// bench/qr-peers.mjs drives it.
/* global ZXing */
import * as zxing from '../vendor/zxing-wasm/es/reader/index.js';
import { qrReader } from '../qr-read.js';

const root = new URL('../', import.meta.url);
const images = new Map();

const zxingModule = zxing.prepareZXingModule({
  overrides: { locateFile: (path, prefix) => (path.endsWith('.wasm') ? new URL(`vendor/zxing-wasm/reader/${path}`, root).href : prefix + path) },
  fireImmediately: true,
});
const read = qrReader({ zxing, zxingModule, luminanceUrl: new URL('wasm/qr-luminance.wasm', root).href });

const peerHints = new Map([
  [ZXing.DecodeHintType.POSSIBLE_FORMATS, [ZXing.BarcodeFormat.QR_CODE]],
  [ZXing.DecodeHintType.TRY_HARDER, true],
]);
const peerReader = new ZXing.MultiFormatReader();
peerReader.setHints(peerHints);

// {canvas, bitmap} of one image, decoded once.
async function imageOf(url) {
  if (!images.has(url)) {
    const bitmap = await createImageBitmap(await (await fetch(new URL(url, root))).blob());
    const canvas = document.createElement('canvas');
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    canvas.getContext('2d', { willReadFrequently: true }).drawImage(bitmap, 0, 0);
    bitmap.close();
    images.set(url, { canvas, bitmap: await createImageBitmap(canvas) });
  }
  return images.get(url);
}

async function ours(url) {
  const { bitmap } = await imageOf(url);
  const started = performance.now();
  const { codes, pass, ms } = await read(bitmap);
  return { ms: performance.now() - started, stages: ms, texts: codes.map((code) => code.text), pass };
}

async function peer(url) {
  const { canvas } = await imageOf(url);
  const started = performance.now();
  let texts = [];
  let luminanceDone = started;
  try {
    const source = new ZXing.HTMLCanvasElementLuminanceSource(canvas);
    luminanceDone = performance.now();
    texts = [peerReader.decode(new ZXing.BinaryBitmap(new ZXing.HybridBinarizer(source)), peerHints).getText()];
  } catch (error) {
    if (!(error instanceof ZXing.NotFoundException || error instanceof ZXing.ChecksumException || error instanceof ZXing.FormatException)) throw error;
  }
  const ended = performance.now();
  return { ms: ended - started, stages: { pixels_and_luminance: luminanceDone - started, decode: ended - luminanceDone }, texts };
}

window.bench = { ours, peer, ready: () => zxingModule.then(() => true) };
