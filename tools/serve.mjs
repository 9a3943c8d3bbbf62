// Static server for the developer page: web/ at /, the wasm build at /wasm/, the
// face models at /models/. Node built-ins only, so it runs before `npm install` and
// in CI without extra packages. It sends the same strict CSP the real deployment
// will, so anything that needs eval or an inline script fails here first.
//
//   GRADPHOTO_MODELS_DIR=/tmp/gp-models node tools/serve.mjs [--port 8080] [--host 127.0.0.1]
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const defaultWasmDir = () =>
  process.env.GRADPHOTO_WASM_DIR || join(repoRoot, 'build', 'wasm-release', 'wasm');

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

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
].join('; ');

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

export function startServer({
  port = 8080,
  host = '127.0.0.1',
  wasmDir = defaultWasmDir(),
  modelsDir = process.env.GRADPHOTO_MODELS_DIR,
} = {}) {
  if (!modelsDir) {
    return Promise.reject(new Error('serve: set GRADPHOTO_MODELS_DIR (node tools/deps/models.mjs DIR writes it)'));
  }
  const mounts = [
    ['/wasm/', wasmDir],
    ['/models/', modelsDir],
    ['/', join(repoRoot, 'web')],
  ];

  const server = createServer(async (req, res) => {
    const send = (status, headers, body) => {
      res.writeHead(status, {
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
        ...headers,
      });
      if (body === undefined || req.method === 'HEAD') res.end();
      else if (typeof body === 'string') res.end(body);
      else body.pipe(res);
    };
    const plain = { 'Content-Type': 'text/plain; charset=utf-8' };

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, { ...plain, Allow: 'GET, HEAD' }, 'method not allowed\n');

    const { pathname } = new URL(req.url, 'http://localhost');
    let file = resolveFile(pathname, mounts);
    if (!file) return send(404, plain, 'not found\n');
    try {
      let info = await stat(file);
      if (info.isDirectory()) {
        file = join(file, 'index.html');
        info = await stat(file);
      }
      if (!info.isFile()) return send(404, plain, 'not found\n');
      const type = MIME_TYPES[extname(file).toLowerCase()] || 'application/octet-stream';
      send(200, { 'Content-Type': type, 'Content-Length': info.size }, createReadStream(file));
    } catch {
      send(404, plain, 'not found\n');
    }
  });

  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const { address, port: actualPort } = server.address();
      const shownHost = address.includes(':') ? `[${address}]` : address;
      resolvePromise({ server, url: `http://${shownHost}:${actualPort}/` });
    });
  });
}

function parseArgs(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--port' && value !== undefined) options.port = Number(value);
    else if (flag === '--host' && value !== undefined) options.host = value;
    else throw new Error(`usage: node tools/serve.mjs [--port 8080] [--host 127.0.0.1] (unexpected ${flag})`);
  }
  return options;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    const { url } = await startServer(parseArgs(process.argv.slice(2)));
    console.log(`GradPhoto dev page: ${url}`);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
