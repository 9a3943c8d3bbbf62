// The standalone app page: keeps the page's language in step with the element and
// registers the service worker that makes the app work offline after one visit.
const app = document.querySelector('grad-photo-check');

// The English switch lives in the element; mirror it on <html> for the browser and screen readers.
new MutationObserver(() => {
  document.documentElement.lang = app.getAttribute('lang') === 'en' ? 'en' : 'zh-CN';
}).observe(app, { attributes: true, attributeFilter: ['lang'] });

// Registered once the student has the first live guidance, or a while after the checker
// is ready (the album path has no live guidance). Never before the checker is ready, so
// the precache revalidates the wasm and models the page has just downloaded (a 304 each)
// instead of racing it to download them twice. Not at 'ready' itself either: installing
// fills the precache (about 10 MB written to the browser's cache storage), and on two
// cores that work landed on the first camera frames: the first guidance of a cold start
// came 300 ms later (bench/app-startup.mjs, navigating as the browser started: 2,325
// against 2,010 ms).
const REGISTER_AFTER_READY_MS = 3000;

let registered = false;
function registerServiceWorker() {
  if (registered || !('serviceWorker' in navigator)) return;
  registered = true;
  navigator.serviceWorker.register('sw.js', { scope: './' }).catch((error) => {
    // Offline use is a bonus; the app works online without it.
    console.warn(`service worker not registered: ${error.message}`);
  });
}
// The element marks its first live guidance (a User Timing mark).
new PerformanceObserver((list, observer) => {
  if (list.getEntriesByName('gradphoto-first-guidance').length === 0) return;
  observer.disconnect();
  registerServiceWorker();
}).observe({ type: 'mark', buffered: true });
const afterReady = () => setTimeout(registerServiceWorker, REGISTER_AFTER_READY_MS);
if (app.dataset.ready !== undefined) afterReady();
else app.addEventListener('gradphoto-ready', afterReady, { once: true });
