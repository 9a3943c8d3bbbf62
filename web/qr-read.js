// How the 采集码 step reads a code with ZXing-C++ (zxing-wasm): one module, so the QR
// worker and the QR benchmark (bench/browser/qr-peers.js) time exactly the same path.
// On a 1080x2340 screenshot the old path spent 11 ms on drawImage + getImageData and 7 ms
// in zxing-wasm's JS RGBA-to-luminance loop before a 10 ms decode; now VideoFrame.copyTo
// into a reused buffer (1-1.5 ms), wasm SIMD luminance (wasm/qr_luminance.cpp, 1.5 ms) and
// a 4 ms first pass (bench/qr-peers.mjs reports these stages per kind).

// First pass: one threshold for the whole image (GlobalHistogram), every code at full
// size (the page warns when there are several, so up to 4). A code on a screen or a
// screenshot is evenly lit, and this binarizer takes about 60% of the time of the local
// one; tryHarder (every row scanned) is what small codes in screenshots need.
// Fallback, only when the first pass found nothing: the thorough search, as before
// (local thresholds for uneven light, inverted by a dark theme, downscaled for a large
// noisy phone photo). With maxNumberOfSymbols 4 in one pass ZXing tries those even after
// a code was found (it looks for more): a third of the time on the benchmark set, for
// nothing the first pass did not decode. tryRotate is for linear codes only (QR finder
// patterns are found at any angle).
const FIRST_PASS = { binarizer: 'GlobalHistogram', tryHarder: true, tryInvert: false, tryDownscale: false, tryRotate: false, maxNumberOfSymbols: 4 };
const FALLBACK = { binarizer: 'LocalAverage', tryHarder: true, tryInvert: true, tryDownscale: true, tryRotate: false, maxNumberOfSymbols: 1 };

// 'QRCode' would be the whole family, Micro QR and rMQR included, each with a detector of
// its own to run; the 采集码 is a plain QR code (Model 2; Model 1 costs nothing more).
const FORMATS = ['QRCodeModel1', 'QRCodeModel2'];

// zxing-wasm 3.1.4 (pinned exactly in package.json): its module's readBarcodesFromPixmap
// takes one byte a pixel (its readBarcodes converts ImageData to that in JS first), with
// the options encoded the way readBarcodes encodes them.
function moduleOptions(zxing, options) {
  const all = { ...zxing.defaultReaderOptions, formats: FORMATS, ...options };
  return { ...all, formats: zxing.encodeFormats(all.formats), binarizer: zxing.BINARIZERS.indexOf(all.binarizer),
    eanAddOnSymbol: zxing.EAN_ADD_ON_SYMBOLS.indexOf(all.eanAddOnSymbol), textMode: zxing.TEXT_MODES.indexOf(all.textMode),
    characterSet: zxing.CHARACTER_SETS.indexOf(all.characterSet), tryCode39ExtendedMode: all.tryCode39ExtendedMode ?? true };
}

// Luminance weights for the byte order a VideoFrame or ImageData gives (Rec. 601, in 1/1024).
const WEIGHTS = { RGBA: [306, 601, 117], RGBX: [306, 601, 117], BGRA: [117, 601, 306], BGRX: [117, 601, 306] };

// The same sum in JS, for a browser without wasm SIMD (or if the module cannot load).
function luminanceJs(pixels, out, [w0, w1, w2]) {
  for (let i = 0, p = 0; i < out.length; i++, p += 4) out[i] = (w0 * pixels[p] + w1 * pixels[p + 1] + w2 * pixels[p + 2] + 512) >> 10;
}

// The compiled module, or null (no wasm SIMD, or it could not load): the JS loop then.
async function compileLuminance(url) {
  try {
    return await WebAssembly.compileStreaming(fetch(url));
  } catch {
    return null;
  }
}

function instantiate(compiled) {
  const { exports } = new WebAssembly.Instance(compiled);
  exports._initialize();
  return exports;
}

// Wasm memory never shrinks: after an image larger than a phone screenshot (5 bytes a
// pixel here: 240 MB for a 48-megapixel photo) the instance is dropped, a fresh one
// taking its place at the next read.
const KEPT_MEMORY_BYTES = 16 * 1024 * 1024;

// Copies the source's pixels into `into` (4 bytes a pixel) and returns their byte order.
// VideoFrame.copyTo writes straight into our buffer: about 4x faster than drawing the
// bitmap on a canvas and reading it back with getImageData, which allocates a new buffer.
async function copyPixels(source, width, height, into) {
  if (typeof VideoFrame === 'function') {
    let frame;
    try {
      frame = new VideoFrame(source, { timestamp: 0 });
      if (WEIGHTS[frame.format] && frame.allocationSize() === into.byteLength) {
        await frame.copyTo(into);
        return frame.format;
      }
    } catch {
      // An unusual frame: through a canvas as below.
    } finally {
      frame?.close();
    }
  }
  const context = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
  context.drawImage(source, 0, 0);
  into.set(context.getImageData(0, 0, width, height).data);
  return 'RGBA';
}

// zxing: zxing-wasm's reader namespace (es/reader/index.js); zxingModule: the promise its
// prepareZXingModule returned; luminanceUrl: where qr-luminance.wasm is. Returns
// read(source) for an ImageBitmap or canvas, resolving to {codes: [{text, format}] (valid
// error correction only), width, height, ms: {pixels, luminance, decode}}. Reads run one
// at a time: they share one buffer.
export function qrReader({ zxing, zxingModule, luminanceUrl }) {
  const ready = Promise.all([zxingModule, compileLuminance(luminanceUrl)]);
  ready.catch(() => {});  // reported by each read (the worker says the reader did not load)
  const passes = [FIRST_PASS, FALLBACK].map((options) => moduleOptions(zxing, options));
  let queue = Promise.resolve();
  let simd = null;

  async function readNow(source) {
    const [module, compiled] = await ready;
    if (compiled && !simd) simd = instantiate(compiled);
    const { width, height } = source;
    const count = width * height;
    const started = performance.now();
    // One region: luminance first, the 4-byte pixels after it (16-byte aligned for SIMD).
    const pixelsAt = (count + 15) & ~15;
    let base = 0;
    let memory;
    if (simd) {
      base = simd.reserve(pixelsAt + 4 * count);
      if (!base) throw new Error(`no memory for a ${width}x${height} image`);
      memory = simd.memory.buffer;
    } else {
      memory = new ArrayBuffer(pixelsAt + 4 * count);
    }
    const luminance = new Uint8Array(memory, base, count);
    const order = await copyPixels(source, width, height, new Uint8Array(memory, base + pixelsAt, 4 * count));
    const copied = performance.now();
    if (simd) simd.luminance(base + pixelsAt, base, count, ...WEIGHTS[order]);
    else luminanceJs(new Uint8Array(memory, base + pixelsAt, 4 * count), luminance, WEIGHTS[order]);
    const converted = performance.now();

    const pointer = module._malloc(count);
    if (!pointer) throw new Error(`no memory for a ${width}x${height} image`);
    const codes = [];
    try {
      module.HEAPU8.set(luminance, pointer);
      for (const options of passes) {
        const results = module.readBarcodesFromPixmap(pointer, width, height, options);
        for (let i = 0; i < results.size(); i++) {
          const result = results.get(i);
          if (result.isValid) codes.push({ text: result.text, format: result.format });
        }
        results.delete();
        if (codes.length) break;
      }
    } finally {
      module._free(pointer);
    }
    const decoded = performance.now();
    return { codes, width, height, ms: { pixels: copied - started, luminance: converted - copied, decode: decoded - converted } };
  }

  return function read(source) {
    const result = queue.then(() => readNow(source)).finally(() => {
      if (simd?.memory.buffer.byteLength > KEPT_MEMORY_BYTES) simd = null;
    });
    queue = result.catch(() => {});
    return result;
  };
}
