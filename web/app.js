// The standalone app page: keeps the page's language in step with the element and
// registers the service worker that makes the app work offline after one visit.
const app = document.querySelector('grad-photo-check');

// The English switch lives in the element; mirror it on <html> for the browser and screen readers.
new MutationObserver(() => {
  document.documentElement.lang = app.getAttribute('lang') === 'en' ? 'en' : 'zh-CN';
}).observe(app, { attributes: true, attributeFilter: ['lang'] });

// Registered once the checker is ready, so the precache revalidates the wasm and models
// the page has just downloaded (a 304 each) instead of racing it to download them twice.
function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('sw.js', { scope: './' }).catch((error) => {
    // Offline use is a bonus; the app works online without it.
    console.warn(`service worker not registered: ${error.message}`);
  });
}
if (app.dataset.ready !== undefined) registerServiceWorker();
else app.addEventListener('gradphoto-ready', registerServiceWorker, { once: true });
