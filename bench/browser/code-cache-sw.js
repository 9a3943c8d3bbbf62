// The service worker of bench/code-cache.mjs: precaches the probe's module and answers
// it from its cache, through the fetch handler, or (?route=1) through a static route
// (InstallEvent.addRoutes), as web/sw.js answers the app's files. With a route the
// handler leaves the module alone, so that only the route can answer it from the cache.
const MODULE_URL = new URL('out/code-cache/hot.wasm', self.registration.scope).href;
const CACHE = 'code-cache-probe-sw';
const ROUTE = new URL(self.location.href).searchParams.get('route') === '1';

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    if (ROUTE) {
      await event.addRoutes([{
        condition: { urlPattern: new URLPattern({ pathname: new URL(MODULE_URL).pathname, search: '' }), requestMethod: 'GET' },
        source: { cacheName: CACHE },
      }]);
    }
    await (await caches.open(CACHE)).add(MODULE_URL);
    await self.skipWaiting();
  })());
});
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (event) => {
  if (event.request.url !== MODULE_URL || ROUTE) return;
  event.respondWith(caches.open(CACHE).then((cache) => cache.match(MODULE_URL)).then((hit) => hit ?? fetch(event.request)));
});
