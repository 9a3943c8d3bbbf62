// Service worker: precaches everything the four steps need (app shell, wasm core, face
// models, profiles, QR reader) so that after one visit the whole flow works offline.
// The list and its content version come from sw-precache.js (written by the server from
// the files' contents); a new version installs a new cache and the old ones are deleted.
/* global GRADPHOTO_PRECACHE */
importScripts('sw-precache.js');

const { version, cores } = self.GRADPHOTO_PRECACHE;
// The core build the pages run: gradphoto-threads where they are cross-origin isolated
// (this worker is too: the server sends the same headers for it), else the one-thread
// build. The other build is never downloaded.
const core = self.crossOriginIsolated && cores.threads.length > 0 ? 'threads' : 'single';
const urls = [...self.GRADPHOTO_PRECACHE.urls, ...cores[core]];
const CACHE_PREFIX = 'gradphoto-';
const CACHE_NAME = `${CACHE_PREFIX}${version}`;
const scope = new URL(self.registration.scope);
const precached = new Set(urls.map((url) => new URL(url, scope).href));
// Opened once per service worker start, not once per request: a start-up fetches about
// twenty files, and each open is a round trip to the browser's storage.
let openCache = null;

// Static routes (InstallEvent.addRoutes, Chromium 123 and later): the browser answers a
// precached file from this version's cache itself, without starting this worker or
// running the fetch handler below, which stays for browsers without them. A start-up
// fetches about twenty files; each through the fetch handler cost this worker a task,
// a Cache Storage lookup and a copy of the body through its thread. A request with a
// query string is left to the fetch handler, which drops the query before looking up.
// A route whose file is missing from the cache goes to the network, not to the fetch
// handler: every routed file is in this version's cache before the version takes over.
// Routes are an optimisation: when they cannot be added, the fetch handler serves all.
const literalPattern = (text) => text.replace(/[:*?+(){}\\]/g, '\\$&');
async function addStaticRoutes(event) {
  if (typeof event.addRoutes !== 'function' || typeof URLPattern !== 'function') return;
  try {
    await event.addRoutes([...precached].map((href) => ({
      condition: {
        // The origin from the base URL; the path taken literally; no query.
        urlPattern: new URLPattern({ pathname: literalPattern(new URL(href).pathname), search: '', baseURL: scope.href }),
        requestMethod: 'GET',
      },
      source: { cacheName: CACHE_NAME },
    })));
  } catch (error) {
    console.warn(`static routes not added: ${error.message}`);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    await addStaticRoutes(event);
    const cache = await caches.open(CACHE_NAME);
    // cache: 'no-cache' revalidates every file with the server (never a stale copy in a new
    // version) but costs only a 304 for the files the page has just downloaded.
    await cache.addAll(urls.map((url) => new Request(new URL(url, scope), { cache: 'no-cache' })));
    // The app has no state worth keeping across versions: take over at once.
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE_NAME).map((name) => caches.delete(name)));
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;   // uploads go to the network, always
  const url = new URL(request.url);
  url.search = '';
  url.hash = '';
  if (!precached.has(url.href)) return;
  event.respondWith((async () => {
    // Cache first: the cache is versioned as a whole, so it is never half stale.
    const hit = await (openCache ??= caches.open(CACHE_NAME)).then((cache) => cache.match(url.href, { ignoreVary: true }));
    return hit ?? fetch(request);
  })());
});
