// How the 采集码 step asks ZXing-C++ (zxing-wasm) to read a code. One module so the QR
// worker and the QR benchmark (bench/browser/qr-peers.js) read with the same settings.
// tryHarder/tryRotate/tryInvert/tryDownscale: a saved screenshot or a phone photo of a
// printed code may be small, turned, inverted by a dark theme, or very large.
export const READER_OPTIONS = {
  formats: ['QRCode'],
  tryHarder: true,
  tryRotate: true,
  tryInvert: true,
  tryDownscale: true,
  maxNumberOfSymbols: 4,
};
