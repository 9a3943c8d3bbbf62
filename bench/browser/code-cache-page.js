// The page of bench/code-cache.mjs. ?way= says how the worker gets the module:
//   http    fetch(), answered by the server or the HTTP cache (no service worker)
//   match   cache.match() from Cache Storage, read in the worker (as the app reads its core)
//   handler fetch(), answered by a service worker's fetch handler from its cache
//   route   fetch(), answered by a service worker's static route from its cache
// window.result: the worker's timings, or {reload: true} when the service worker has
// only just taken over (the driver reloads: a page is controlled from its next load).
window.result = (async () => {
  const query = new URLSearchParams(location.search);
  const way = query.get('way');
  if (way === 'handler' || way === 'route') {
    await navigator.serviceWorker.register(`code-cache-sw.js?route=${way === 'route' ? 1 : 0}`);
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) return { reload: true };
  }
  const worker = new Worker(`code-cache-worker.js?${query}`);
  return new Promise((resolve) => {
    worker.onmessage = (event) => resolve(event.data);
  });
})();
