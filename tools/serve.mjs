// Static server for the student app, the developer page and the example school portal.
// Node built-ins only (it serves the QR reader's files from node_modules/zxing-wasm, but
// imports no package).
// It sends the same strict CSP the real deployment will, so anything that needs eval or
// an inline script or style fails here first.
//
//   GRADPHOTO_MODELS_DIR=/tmp/gp-models node tools/serve.mjs [--port 8080] [--host 127.0.0.1]
//       [--submit-url URL]   a portal upload URL on another origin (added to connect-src)
//       [--upload-dir DIR]   where the example portal saves uploads (build/uploads)
//
// What it serves:
//   /                     web/ (the student app; /dev.html the developer page)
//   /portal/              the example school portal that embeds <grad-photo-check>;
//                         POST /portal/upload saves each upload in the upload folder
//   /wasm/                the wasm build ($GRADPHOTO_WASM_DIR)
//   /wasm-threads/        the wasm build with threads ($GRADPHOTO_WASM_THREADS_DIR), for
//                         cross-origin isolated pages
//   /models/              the face models ($GRADPHOTO_MODELS_DIR)
//   /profiles/            profiles/*.json ($GRADPHOTO_PROFILES_DIR: a school's own folder)
//   /vendor/zxing-wasm/   the QR reader (npm zxing-wasm: es/ modules and reader/ wasm)
//   /sw-precache.js       the service worker's precache list and its content version
import { createServer } from 'node:http';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CORE_BUILDS, shippedFiles } from './shipped-files.mjs';
import { brotliCompress, gzip, constants as zlibConstants } from 'node:zlib';
import { promisify } from 'node:util';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const webRoot = join(repoRoot, 'web');
const zxingDist = join(repoRoot, 'node_modules', 'zxing-wasm', 'dist');

export const defaultWasmDir = () =>
  process.env.GRADPHOTO_WASM_DIR || join(repoRoot, 'build', 'wasm-release', 'wasm');
export const defaultWasmThreadsDir = () =>
  process.env.GRADPHOTO_WASM_THREADS_DIR || join(repoRoot, 'build', 'wasm-threads', 'wasm');
export const defaultProfilesDir = () => process.env.GRADPHOTO_PROFILES_DIR || join(repoRoot, 'profiles');
export const defaultUploadDir = () => process.env.GRADPHOTO_UPLOAD_DIR || join(repoRoot, 'build', 'uploads');

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  // instantiateStreaming refuses anything but application/wasm.
  '.wasm': 'application/wasm',
  '.tflite': 'application/octet-stream',
  '.binarypb': 'application/octet-stream',
};
// Worth compressing: the wasm files are most of what a student downloads (about 60% smaller).
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.webmanifest', '.svg', '.wasm', '.tflite', '.binarypb']);

// The largest upload the example portal accepts: a 480x640 JPEG is at most a few hundred KB.
const MAX_UPLOAD_BYTES = 4 * 1024 * 1024;

export function contentSecurityPolicy(submitUrl) {
  // A portal that receives uploads on another origin must be allowed to be fetched.
  let submitOrigin = '';
  if (submitUrl) {
    const url = new URL(submitUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`serve: --submit-url must be http(s): ${submitUrl}`);
    submitOrigin = ` ${url.origin}`;
  }
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' blob: data:",
    "media-src 'self' blob:",
    `connect-src 'self'${submitOrigin}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join('; ');
}

// Maps a request path onto a file inside one of the roots, or null when the path
// names nothing we serve (unknown prefix, bad escape, or an attempt to climb out).
function resolveFile(pathname, mounts) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  // Longest prefix first so /wasm/ wins over /.
  for (const [prefix, root] of mounts) {
    if (!decoded.startsWith(prefix)) continue;
    const base = resolve(root);
    const file = resolve(base, '.' + sep + decoded.slice(prefix.length));
    // The URL parser already folds "/../", but "..%2F" only becomes a separator after
    // decoding, so the containment check has to happen on the resolved path.
    return file === base || file.startsWith(base + sep) ? file : null;
  }
  return null;
}

// Content hashes and compressed bodies, remembered per file until its size or mtime changes:
// the wasm is 4 MB and brotli takes about a second on it.
const fileMemo = new Map();
async function memoised(file, info, kind, compute) {
  const key = `${kind}:${file}`;
  const stamp = `${info.size}:${info.mtimeMs}`;
  const hit = fileMemo.get(key);
  if (hit && hit.stamp === stamp) return hit.value;
  const value = compute(await readFile(file));
  fileMemo.set(key, { stamp, value });
  return value;
}

const compressors = {
  br: (body) => promisify(brotliCompress)(body, {
    params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 9, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length },
  }),
  gzip: (body) => promisify(gzip)(body, { level: 9 }),
};

function pickEncoding(acceptEncoding = '') {
  const accepted = acceptEncoding.split(',').map((part) => part.trim().split(';')[0]);
  if (accepted.includes('br')) return 'br';
  if (accepted.includes('gzip')) return 'gzip';
  return null;
}

// The service worker precaches the app shell, the wasm core, the models, the profiles and
// the QR reader: everything the four steps need, so that after one visit the whole flow
// works offline. The version is a hash of all their contents, so any change installs a
// new cache (and the browser notices because this script, imported by sw.js, changed).
async function precacheManifest(roots) {
  const entries = await shippedFiles(roots);
  // Every student's files, then each core build's own: the service worker takes the
  // build its page runs (the threads build where it is cross-origin isolated).
  const urls = entries.filter((entry) => !entry.core).map((entry) => entry.url);
  const cores = Object.fromEntries(CORE_BUILDS.map((core) =>
    [core, entries.filter((entry) => entry.core === core).map((entry) => entry.url)]));
  const hash = createHash('sha256');
  for (const { url, file } of entries) {
    const info = await stat(file);
    hash.update(`${url}\0${await memoised(file, info, 'sha256', (bytes) => createHash('sha256').update(bytes).digest('hex'))}\0`);
  }
  const version = hash.digest('hex').slice(0, 16);
  return `// Generated by tools/serve.mjs: what the service worker precaches, and the content version.\n` +
    `self.GRADPHOTO_PRECACHE = ${JSON.stringify({ version, urls, cores }, null, 2)};\n`;
}

// A multipart body parsed by the platform (undici's FormData), with a byte cap.
async function readForm(req) {
  let received = 0;
  const capped = Readable.from((async function* () {
    for await (const chunk of req) {
      received += chunk.length;
      if (received > MAX_UPLOAD_BYTES) throw Object.assign(new Error('upload too large'), { status: 413 });
      yield chunk;
    }
  })());
  const request = new Request('http://portal.invalid/upload', {
    method: 'POST',
    headers: { 'content-type': req.headers['content-type'] ?? '' },
    body: Readable.toWeb(capped),
    duplex: 'half',
  });
  return request.formData();
}

const sameToken = (a, b) => {
  const left = Buffer.from(String(a ?? ''));
  const right = Buffer.from(String(b ?? ''));
  return left.length === right.length && timingSafeEqual(left, right);
};

export function startServer({
  port = 8080,
  host = '127.0.0.1',
  wasmDir = defaultWasmDir(),
  wasmThreadsDir = defaultWasmThreadsDir(),
  modelsDir = process.env.GRADPHOTO_MODELS_DIR,
  uploadDir = defaultUploadDir(),
  profilesDir = defaultProfilesDir(),
  submitUrl = process.env.GRADPHOTO_SUBMIT_URL,
  // The benchmark serves its own pages and the peers it compares against (never part of
  // the app): [[urlPrefix, folder], ...], and a policy of its own when a peer needs one.
  extraMounts = [],
  policy = null,
  // Extra response headers (the benchmark's pages ask for cross-origin isolation, which
  // gives performance.now() 5 microseconds instead of 100).
  headers: extraHeaders = {},
} = {}) {
  if (!modelsDir) {
    return Promise.reject(new Error('serve: set GRADPHOTO_MODELS_DIR (node tools/deps/models.mjs DIR writes it)'));
  }
  let csp;
  try {
    csp = policy ?? contentSecurityPolicy(submitUrl);
  } catch (error) {
    return Promise.reject(error);
  }
  const mounts = [
    ...extraMounts,
    ['/vendor/zxing-wasm/es/', join(zxingDist, 'es')],
    ['/vendor/zxing-wasm/reader/', join(zxingDist, 'reader')],
    ['/wasm-threads/', wasmThreadsDir],
    ['/wasm/', wasmDir],
    ['/models/', modelsDir],
    ['/profiles/', profilesDir],
    ['/', webRoot],
  ];
  // The example portal's session: one CSRF token per server run, written into the portal
  // page and required on every upload, as a real portal would.
  const csrfToken = randomBytes(16).toString('hex');
  const uploads = [];

  async function receiveUpload(req, send) {
    const json = { 'Content-Type': 'application/json; charset=utf-8' };
    const origin = req.headers.origin;
    if (origin && origin !== `http://${req.headers.host}` && origin !== `https://${req.headers.host}`) {
      return send(403, json, JSON.stringify({ ok: false, error: 'cross-origin upload refused' }));
    }
    if (!sameToken(req.headers['x-csrf-token'], csrfToken)) {
      return send(403, json, JSON.stringify({ ok: false, error: 'missing or wrong CSRF token' }));
    }
    if (Number(req.headers['content-length'] ?? 0) > MAX_UPLOAD_BYTES) {
      return send(413, json, JSON.stringify({ ok: false, error: 'upload too large' }));
    }
    let form;
    try {
      form = await readForm(req);
    } catch (error) {
      return send(error.status ?? 400, json, JSON.stringify({ ok: false, error: `not a multipart upload: ${error.message}` }));
    }
    const photo = form.get('photo');
    const report = form.get('report');
    const code = form.get('code');
    if (!photo || typeof photo === 'string') return send(400, json, JSON.stringify({ ok: false, error: 'no photo part' }));
    const photoBytes = Buffer.from(await photo.arrayBuffer());
    if (photoBytes.length < 3 || photoBytes[0] !== 0xff || photoBytes[1] !== 0xd8 || photoBytes[2] !== 0xff) {
      return send(400, json, JSON.stringify({ ok: false, error: 'the photo part is not a JPEG' }));
    }
    const reportText = typeof report === 'string' ? report : report ? await report.text() : '';
    let verdict = null;
    try {
      verdict = JSON.parse(reportText).verdict ?? null;
    } catch {
      return send(400, json, JSON.stringify({ ok: false, error: 'the report part is not JSON' }));
    }
    const codeText = typeof code === 'string' ? code : code ? await code.text() : '';
    // The code payload is the student's encrypted 采集码: stored as received, never parsed.
    const id = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`;
    const folder = join(uploadDir, id);
    await mkdir(folder, { recursive: true });
    await Promise.all([
      writeFile(join(folder, 'photo.jpg'), photoBytes),
      writeFile(join(folder, 'report.json'), reportText),
      writeFile(join(folder, 'code.txt'), codeText),
    ]);
    const entry = { id, folder, photo_bytes: photoBytes.length, verdict, code_chars: codeText.length, received_at: new Date().toISOString() };
    uploads.push(entry);
    console.log(`portal: saved upload ${id} (${photoBytes.length} bytes, verdict ${verdict}) in ${folder}`);
    return send(201, json, JSON.stringify({ ok: true, id, photo_bytes: photoBytes.length, verdict }));
  }

  const server = createServer(async (req, res) => {
    const send = (status, headers, body) => {
      res.writeHead(status, {
        'Content-Security-Policy': csp,
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        // Cross-origin isolation: the page may share memory with its workers, so the
        // core runs as gradphoto-threads on the device's cores (web/analysis-worker.js).
        // The app loads nothing from other origins, so require-corp blocks nothing.
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Embedder-Policy': 'require-corp',
        ...extraHeaders,
        ...headers,
      });
      if (body === undefined || req.method === 'HEAD') res.end();
      else if (typeof body === 'string' || Buffer.isBuffer(body)) res.end(body);
      else body.pipe(res);
    };
    const plain = { 'Content-Type': 'text/plain; charset=utf-8' };
    let pathname;
    try {
      ({ pathname } = new URL(req.url, 'http://localhost'));
    } catch {
      return send(400, plain, 'bad request\n');
    }

    try {
      if (pathname === '/portal/upload') {
        if (req.method !== 'POST') return send(405, { ...plain, Allow: 'POST' }, 'method not allowed\n');
        return await receiveUpload(req, send);
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, { ...plain, Allow: 'GET, HEAD' }, 'method not allowed\n');
      if (pathname === '/sw-precache.js') {
        return send(200, { 'Content-Type': MIME_TYPES['.js'] }, await precacheManifest({ webRoot, wasmDir, wasmThreadsDir, modelsDir, profilesDir, zxingDist }));
      }
      if (pathname === '/portal/uploads.json') {
        return send(200, { 'Content-Type': MIME_TYPES['.json'] },
          JSON.stringify(uploads.map(({ folder, ...entry }) => entry)));
      }

      let file = resolveFile(pathname, mounts);
      if (!file) return send(404, plain, 'not found\n');
      let info = await stat(file).catch(() => null);
      if (info?.isDirectory()) {
        // /portal -> /portal/ so the page's relative URLs resolve inside it.
        if (!pathname.endsWith('/')) return send(301, { ...plain, Location: `${pathname}/` }, 'moved\n');
        file = join(file, 'index.html');
        info = await stat(file).catch(() => null);
      }
      if (!info?.isFile()) return send(404, plain, 'not found\n');
      const extension = extname(file).toLowerCase();
      const type = MIME_TYPES[extension] || 'application/octet-stream';

      if (file === join(webRoot, 'portal', 'index.html')) {
        const page = (await readFile(file, 'utf8')).replaceAll('__GRADPHOTO_CSRF_TOKEN__', csrfToken);
        return send(200, { 'Content-Type': type }, page);
      }
      const encoding = COMPRESSIBLE.has(extension) ? pickEncoding(req.headers['accept-encoding']) : null;
      // Revalidation instead of a second download: the service worker's precache
      // (cache: 'no-cache') then costs a 304 for every file the page already fetched.
      const etag = `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}${encoding ? `-${encoding}` : ''}"`;
      if (req.headers['if-none-match']?.split(',').map((tag) => tag.trim()).includes(etag)) {
        return send(304, { ETag: etag, Vary: 'Accept-Encoding' });
      }
      if (encoding) {
        const compressed = await memoised(file, info, encoding, (bytes) => compressors[encoding](bytes));
        return send(200, { 'Content-Type': type, 'Content-Encoding': encoding, 'Content-Length': compressed.length, ETag: etag, Vary: 'Accept-Encoding' }, compressed);
      }
      send(200, { 'Content-Type': type, 'Content-Length': info.size, ETag: etag, Vary: 'Accept-Encoding' }, createReadStream(file));
    } catch (error) {
      console.error(`serve: ${req.method} ${pathname}: ${error.stack ?? error}`);
      if (!res.headersSent) send(500, plain, 'internal error\n');
      else res.destroy();
    }
  });

  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const { address, port: actualPort } = server.address();
      const shownHost = address.includes(':') ? `[${address}]` : address;
      resolvePromise({ server, url: `http://${shownHost}:${actualPort}/`, uploadDir, uploads });
    });
  });
}

function parseArgs(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--port' && value !== undefined) options.port = Number(value);
    else if (flag === '--host' && value !== undefined) options.host = value;
    else if (flag === '--submit-url' && value !== undefined) options.submitUrl = value;
    else if (flag === '--upload-dir' && value !== undefined) options.uploadDir = resolve(value);
    else {
      throw new Error('usage: node tools/serve.mjs [--port 8080] [--host 127.0.0.1] [--submit-url URL] [--upload-dir DIR]' +
        ` (unexpected ${flag})`);
    }
  }
  return options;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    const { url, uploadDir } = await startServer(parseArgs(process.argv.slice(2)));
    const shown = url.replace('127.0.0.1', 'localhost');
    console.log(`GradPhoto student app: ${shown}`);
    console.log(`example school portal: ${shown}portal/ (uploads are saved in ${uploadDir})`);
    console.log(`developer page:        ${shown}dev.html`);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
