// Emscripten 3.1.6's ES6 output still reaches for CommonJS globals (require,
// __dirname) when it runs under Node; an ES module has neither, so define them
// here, at the top of the module. In browsers and workers this does nothing.
const gradphotoInNode = typeof process == 'object' && typeof process.versions == 'object' &&
  typeof process.versions.node == 'string';
const require = gradphotoInNode ? (await import('node:module')).createRequire(import.meta.url) : undefined;
const __dirname = gradphotoInNode ? require('node:path').dirname(require('node:url').fileURLToPath(import.meta.url)) : undefined;
