// How the 采集码 step reads a code with ZXing-C++ (zxing-wasm): one module, so the QR
// worker and the QR benchmark (bench/browser/qr-peers.js) read exactly alike.
// tryHarder/tryRotate/tryInvert/tryDownscale: a saved screenshot or a phone photo of a
// printed code may be small, turned, inverted by a dark theme, or very large. (A quick
// pass without them first, then this one only when it found nothing, was measured: a
// little faster on photographed codes, twice as slow on small codes in screenshots.)
const OPTIONS = { formats: ['QRCode'], tryHarder: true, tryRotate: true, tryInvert: true, tryDownscale: true, maxNumberOfSymbols: 4 };

// readBarcodes: zxing-wasm's reader; pixels: ImageData. Returns [{text, format}], the
// codes that decoded with valid error correction.
export async function readCodes(readBarcodes, pixels) {
  return (await readBarcodes(pixels, OPTIONS)).filter((result) => result.isValid)
    .map((result) => ({ text: result.text, format: result.format }));
}
