// The example portal's side of the embedding: add the session's CSRF token to the
// upload, and show the element's events as the portal sees them.
const checker = document.querySelector('grad-photo-check');
const events = document.getElementById('events');
const csrfToken = document.querySelector('meta[name="csrf-token"]').content;

// The hook runs just before the POST: a portal adds its headers (or changes the URL or
// the form) here.
checker.beforeSubmit = (request) => {
  request.headers.set('X-CSRF-Token', csrfToken);
};

function log(text) {
  const item = document.createElement('li');
  item.textContent = `${new Date().toLocaleTimeString()} ${text}`;
  events.append(item);
  events.dataset.count = String(events.children.length);
}

checker.addEventListener('gradphoto-ready', (event) => log(`gradphoto-ready (profile ${event.detail.profile})`));
checker.addEventListener('gradphoto-result', (event) => {
  const { report, jpeg, code } = event.detail;
  log(`gradphoto-result: ${report.verdict}, JPEG ${jpeg ? `${jpeg.size} bytes` : 'none'}, code ${code ? `${Array.from(code).length} characters` : 'none'}`);
});
checker.addEventListener('gradphoto-submitted', (event) => {
  log(`gradphoto-submitted: HTTP ${event.detail.status}, upload ${event.detail.response?.id ?? '?'}`);
});
