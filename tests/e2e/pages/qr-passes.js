// The app's 采集码 reader (web/qr-read.js) on its own, as the QR worker builds it, for
// tests/e2e/qr-passes.test.mjs: window.readImage(bytes) -> {pass, texts}.
import * as zxing from '/vendor/zxing-wasm/es/reader/index.js';
import { qrReader } from '/qr-read.js';

const zxingModule = zxing.prepareZXingModule({
  overrides: { locateFile: (path, prefix) => (path.endsWith('.wasm') ? `/vendor/zxing-wasm/reader/${path}` : prefix + path) },
  fireImmediately: true,
});
const read = qrReader({ zxing, zxingModule, luminanceUrl: '/wasm/qr-luminance.wasm' });

window.readImage = async (bytes) => {
  const bitmap = await createImageBitmap(new Blob([new Uint8Array(bytes)]));
  try {
    const { pass, codes } = await read(bitmap);
    return { pass, texts: codes.map((code) => code.text) };
  } finally {
    bitmap.close();
  }
};
await zxingModule;
document.documentElement.dataset.ready = 'true';
