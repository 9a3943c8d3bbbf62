// How the 采集码 step reads a code with ZXing-C++ (zxing-wasm): one module, so the QR
// worker and the QR benchmark (bench/browser/qr-peers.js) time exactly the same path.
// On a 1080x2340 screenshot the old path spent 11 ms on drawImage + getImageData and 7 ms
// in zxing-wasm's JS RGBA-to-luminance loop before a 10 ms decode; now VideoFrame.copyTo
// into a reused buffer (1-1.5 ms), the half-size luminance straight from the pixels in
// wasm SIMD (wasm/qr_luminance.cpp, 1.3 ms) and a 2 ms half-size pass (bench/qr-peers.mjs
// reports these stages per kind).

// Three passes, each only when the ones before found nothing:
// 1. Half size (2x2 means): a code on a phone screen, a screenshot or in a phone photo
//    has modules several pixels wide, and ZXing's time goes with the pixel count: on the
//    benchmark set this pass reads 43 of 44 images in 0.15-1.4 ms where full size took
//    0.3-3 ms (zxing-wasm's decode alone, in Node). Local thresholds (LocalAverage): at
//    this size they cost little and read the blurred, photographed and unevenly lit
//    codes one global threshold misses. Every code (the page warns when there are
//    several, so up to 4). Only when the half image still holds a small code (both
//    sides at least MIN_SIDE_FOR_HALF).
// 2. Full size, one threshold for the whole image (GlobalHistogram, about 60% of the
//    local one's time): a small code in a large screenshot, modules too thin to halve.
//    tryHarder (every row scanned) is what those need.
// 3. The thorough search, as ZXing's defaults: local thresholds for uneven light,
//    inverted by a dark theme, downscaled for a large noisy phone photo. With
//    maxNumberOfSymbols 4 ZXing tries those even after a code was found (it looks for
//    more), so one code here.
// tryRotate is for linear codes only (QR finder patterns are found at any angle).
const HALF_PASS = { binarizer: 'LocalAverage', tryHarder: true, tryInvert: false, tryDownscale: false, tryRotate: false, maxNumberOfSymbols: 4 };
const FULL_PASS = { binarizer: 'GlobalHistogram', tryHarder: true, tryInvert: false, tryDownscale: false, tryRotate: false, maxNumberOfSymbols: 4 };
const FALLBACK = { binarizer: 'LocalAverage', tryHarder: true, tryInvert: true, tryDownscale: true, tryRotate: false, maxNumberOfSymbols: 1 };
// A version-1 code (21 modules and a 4-module quiet zone each side) at 4 pixels a
// module in the half image.
const MIN_SIDE_FOR_HALF = 2 * 4 * (21 + 8);

// The 采集码 is a plain QR code, Model 2 (every QR generator since the 2000 standard).
// The 'QRCode' family would add Micro QR and rMQR, and Model 1 costs a quarter more on a
// clean 360x360 code (0.23 -> 0.17 ms without it).
const FORMATS = ['QRCodeModel2'];

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
export function luminanceJs(pixels, out, [w0, w1, w2]) {
  for (let i = 0, p = 0; i < out.length; i++, p += 4) out[i] = (w0 * pixels[p] + w1 * pixels[p + 1] + w2 * pixels[p + 2] + 512) >> 10;
}

// The 2x2 means of a luminance in JS (what wasm/qr_luminance.cpp's halfLuminance makes
// straight from the pixels), for a browser without wasm SIMD.
export function halveJs(luminance, out, width, height) {
  const halfWidth = width >> 1;
  for (let y = 0; y < height >> 1; y++) {
    for (let x = 0, top = 2 * y * width, bottom = top + width; x < halfWidth; x++, top += 2, bottom += 2) {
      out[y * halfWidth + x] = (luminance[top] + luminance[top + 1] + luminance[bottom] + luminance[bottom + 1] + 2) >> 2;
    }
  }
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

// Wasm memory never shrinks: after an image larger than a phone screenshot (5.25 bytes a
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
// error correction only), pass ('half', 'full' or 'thorough': the one that found them,
// else null), width, height, ms: {pixels, luminance, decode}}. Reads run one at a time:
// they share one buffer.
export function qrReader({ zxing, zxingModule, luminanceUrl }) {
  const ready = Promise.all([zxingModule, compileLuminance(luminanceUrl)]);
  ready.catch(() => {});  // reported by each read (the worker says the reader did not load)
  const [halfPass, fullPass, fallback] = [HALF_PASS, FULL_PASS, FALLBACK].map((options) => moduleOptions(zxing, options));
  let queue = Promise.resolve();
  let simd = null;

  async function readNow(source) {
    const [module, compiled] = await ready;
    if (compiled && !simd) simd = instantiate(compiled);
    const { width, height } = source;
    const count = width * height;
    const halfWidth = width >> 1, halfHeight = height >> 1;
    const halfCount = Math.min(width, height) >= MIN_SIDE_FOR_HALF ? halfWidth * halfHeight : 0;
    const started = performance.now();
    // One region: luminance, the half-size luminance, then the 4-byte pixels (each
    // 16-byte aligned for SIMD).
    const halfAt = (count + 15) & ~15;
    const pixelsAt = halfAt + ((halfCount + 15) & ~15);
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
    const half = new Uint8Array(memory, base + halfAt, halfCount);
    const pixels = new Uint8Array(memory, base + pixelsAt, 4 * count);
    const order = await copyPixels(source, width, height, pixels);
    const copied = performance.now();
    // The full-size luminance only when a full-size pass runs (the half pass found nothing,
    // or the image is too small to halve).
    let haveFull = false;
    const fullLuminance = () => {
      if (!haveFull) {
        if (simd) simd.luminance(base + pixelsAt, base, count, ...WEIGHTS[order]);
        else luminanceJs(pixels, luminance, WEIGHTS[order]);
        haveFull = true;
      }
      return luminance;
    };
    if (halfCount && simd) simd.halfLuminance(base + pixelsAt, base + halfAt, width, height, ...WEIGHTS[order]);
    else if (halfCount) halveJs(fullLuminance(), half, width, height);
    else fullLuminance();
    const converted = performance.now();

    const attempts = [
      ...(halfCount ? [{ pass: 'half', pixels: () => half, width: halfWidth, height: halfHeight, options: halfPass }] : []),
      { pass: 'full', pixels: fullLuminance, width, height, options: fullPass },
      { pass: 'thorough', pixels: fullLuminance, width, height, options: fallback },
    ];
    const pointer = module._malloc(count);
    if (!pointer) throw new Error(`no memory for a ${width}x${height} image`);
    const codes = [];
    let pass = null;
    try {
      let inHeap = null;
      for (const attempt of attempts) {
        const image = attempt.pixels();
        if (inHeap !== image) module.HEAPU8.set(image, pointer);
        inHeap = image;
        const results = module.readBarcodesFromPixmap(pointer, attempt.width, attempt.height, attempt.options);
        for (let i = 0; i < results.size(); i++) {
          const result = results.get(i);
          if (result.isValid) codes.push({ text: result.text, format: result.format });
        }
        results.delete();
        if (codes.length) {
          pass = attempt.pass;
          break;
        }
      }
    } finally {
      module._free(pointer);
    }
    const decoded = performance.now();
    return { codes, pass, width, height, ms: { pixels: copied - started, luminance: converted - copied, decode: decoded - converted } };
  }

  return function read(source) {
    const result = queue.then(() => readNow(source)).finally(() => {
      if (simd?.memory.buffer.byteLength > KEPT_MEMORY_BYTES) simd = null;
    });
    queue = result.catch(() => {});
    return result;
  };
}
