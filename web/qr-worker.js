// Reads the 图像采集码 (a QR code) with ZXing-C++ compiled to wasm (npm zxing-wasm),
// off the main thread. Started only when the student reaches the 采集码 step.
// The payload is encrypted by CHSI and only the collection unit can read it: it goes
// back to the page as opaque text, never parsed or interpreted here.
//   page -> worker  {type: 'decode', id, file? (Blob), bitmap? (ImageBitmap, transferred)}
//   worker -> page  {type: 'decoded', id, codes: [{text, format}], width, height, worker_ms}
//                   {type: 'failure', id, error: {code, message_zh, message_en}}
import * as zxing from './vendor/zxing-wasm/es/reader/index.js';
import { qrReader } from './qr-read.js';

const base = new URL('./', self.location.href);

// The reader's .wasm comes from our own origin (the package's default is a CDN): the
// page works offline and under a CSP whose connect-src is 'self'.
const zxingModule = zxing.prepareZXingModule({
  overrides: {
    locateFile: (path, prefix) => (path.endsWith('.wasm') ? new URL(`vendor/zxing-wasm/reader/${path}`, base).href : prefix + path),
  },
  fireImmediately: true,
});
const read = qrReader({ zxing, zxingModule, luminanceUrl: new URL('wasm/qr-luminance.wasm', base).href });

const failure = (code, zh, en, detail) => ({ code, message_zh: zh, message_en: detail ? `${en}: ${detail}` : en });

async function decode({ id, file, bitmap }) {
  const started = performance.now();
  if (file) {
    try {
      bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    } catch {
      throw failure('decode_failed', '这个文件不是浏览器能打开的图片。', 'This file is not an image the browser can open.');
    }
  }
  try {
    try {
      await zxingModule;
    } catch (error) {
      throw failure('qr_load_failed', '无法加载二维码识别程序', 'Could not load the QR reader', error.message);
    }
    const { codes, width, height } = await read(bitmap);
    self.postMessage({ type: 'decoded', id, codes, width, height, worker_ms: performance.now() - started });
  } finally {
    bitmap.close();
  }
}

self.addEventListener('message', (event) => {
  const message = event.data;
  if (message?.type !== 'decode') return;
  decode(message).catch((error) => {
    message.bitmap?.close?.();
    const asError = typeof error?.message_en === 'string' ? error
      : failure('qr_failed', '二维码识别出错', 'The QR reader failed', String(error?.message ?? error));
    self.postMessage({ type: 'failure', id: message.id, error: asError });
  });
});

self.addEventListener('securitypolicyviolation', (event) => {
  console.error(`CSP violation in the QR worker: ${event.violatedDirective} blocked ${event.blockedURI || 'inline/eval'}`);
});
