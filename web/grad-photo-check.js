// <grad-photo-check>: the student app as one custom element, so a school portal can
// embed it with one script tag:
//
//   <script type="module" src="/gradphoto/grad-photo-check.js"></script>
//   <grad-photo-check lang="zh" profile="chsi-graduate" submit-url="/portal/upload" require-code></grad-photo-check>
//
// Attributes: lang (zh | en), profile (a profile name under profiles/, or a URL),
// submit-url (where the submit step POSTs; without it the student downloads the photo),
// require-code (the 采集码 must be read before the photo can be submitted).
// Events: gradphoto-ready, gradphoto-result {report, jpeg: Blob | null, code},
// gradphoto-submitted {status, response}. Hook: element.beforeSubmit = async (request) => {}
// may change request.url, request.headers (a Headers, e.g. a CSRF token) and request.body
// (the FormData: photo, report, code) before the POST.
//
// The flow: 1 采集码 (QR read by zxing-wasm in a Worker) -> 2 拍照 (camera with live guidance
// from the wasm core in a Worker, or a photo from the album) -> 3 检测结果 (every check,
// the annotated photo) -> 4 上传 (the compliant JPEG: download or submit). Nothing leaves
// the device except through the submit step.
import { CHECK_NAMES, RULES, UNIT_NAMES, t } from './i18n.js';
import { Camera } from './camera.js';
import { drawAnnotated, drawGuide } from './draw.js';
import { frameGuide } from './guidance.js';
import { loadSession, saveSession } from './session-store.js';

const BASE = new URL('./', import.meta.url);
const STEPS = ['code', 'photo', 'report', 'upload'];
const LIVE_MAX_SIDE = 640;          // live frames are analysed at most this large: ~20 ms each
const LIVE_MIN_INTERVAL_MS = 33;    // at most ~30 frames per second: a camera's own rate, no frame analysed twice
const LIVE_FRAMES_IN_FLIGHT = 2;    // one being analysed, the next one waiting in the worker's queue
const HOLD_STILL_MS = 1000;         // auto-capture once every live check has held this long
const QR_SCAN_INTERVAL_MS = 250;
const FPS_WINDOW_MS = 1000;
const PROFILE_RETRY_MS = 5000;
const PROFILE_POLL_MS = 20;         // how often live guidance looks for the parsed profile at start-up

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// A small element builder: attributes as strings, properties for booleans and
// functions, children as nodes or text (text is always a text node, never HTML).
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
    else if (value === true) node.setAttribute(name, '');
    else node.setAttribute(name, String(value));
  }
  node.append(...children.filter((child) => child !== null && child !== undefined && child !== false));
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
function icon(pathData) {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', pathData);
  svg.append(path);
  return svg;
}
const ICONS = {
  switchCamera: 'M9 4 7.2 6H4a2 2 0 0 0-2 2v10a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V8a2 2 0 0 0-2-2h-3.2L15 4H9zm3 4a5 5 0 0 1 4.6 3H18l-2.5 3-2.5-3h1.4A3 3 0 0 0 9.2 12.5l-1.5 1.2A5 5 0 0 1 12 8zm-5.5 4 2.5 3H7.6a3 3 0 0 0 5.2 1.5l1.5 1.2A5 5 0 0 1 6.4 15H4l2.5-3z',
  album: 'M4 5h16a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1zm1 2v9.6l4-4.1 3 3 3.5-4 3.5 4.5V7H5zm3.5 1.5a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3z',
  qr: 'M3 3h8v8H3V3zm2 2v4h4V5H5zm8-2h8v8h-8V3zm2 2v4h4V5h-4zM3 13h8v8H3v-8zm2 2v4h4v-4H5zm8-2h2v2h-2v-2zm4 0h4v2h-4v-2zm-4 4h4v4h-4v-4zm6 2h2v2h-2v-2zm0-4h2v2h-2v-2z',
  rules: 'M5 3h10l4 4v14H5V3zm9 1.5V8h3.5L14 4.5zM8 11h8v1.5H8V11zm0 3h8v1.5H8V14zm0 3h5v1.5H8V17z',
};

// First and last characters only: enough for the student to recognise the code, useless
// to anyone looking over a shoulder. Code points, so a surrogate pair is never split;
// control characters are shown as a dot.
export function maskPayload(text) {
  const chars = Array.from(text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '·'));
  if (chars.length > 12) return `${chars.slice(0, 4).join('')}…${chars.slice(-4).join('')}`;
  if (chars.length > 4) return `${chars.slice(0, 2).join('')}…${chars.slice(-2).join('')}`;
  return '•'.repeat(chars.length);
}

function formatNumber(value) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '—';
  const size = Math.abs(value);
  return value.toFixed(size >= 100 ? 0 : size >= 10 ? 1 : size >= 1 ? 2 : 3).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}

function unitText(unit, lang) {
  if (!unit) return '';
  const known = UNIT_NAMES[unit]?.[lang] ?? unit;
  return /^[°（%×]/.test(known) ? known : ` ${known}`;
}

// "Measured 0.36 (lid gap / eye width) · Limit ≥ 0.2, ideally ≥ 0.27": a short unit (px,
// °) after every number, a descriptive one only after the measured value.
export function measureText(check, lang) {
  const unit = check.limit?.unit;
  const short = !unit || UNIT_NAMES[unit]?.short;
  const limitUnit = short ? unitText(unit, lang) : (UNIT_NAMES[unit]?.limit ?? '');
  const parts = [];
  if (typeof check.value === 'number') parts.push(`${t('check_value', lang)} ${formatNumber(check.value)}${unitText(unit, lang)}`);
  const { hard, soft } = limitRanges(check.limit ?? {}, limitUnit);
  if (hard) parts.push(`${t('check_limit', lang)} ${hard}${soft && soft !== hard ? `${lang === 'en' ? ', ' : '，'}${t('check_ideal', lang)} ${soft}` : ''}`);
  else if (soft) parts.push(`${t('check_ideal', lang)} ${soft}`.replace(/^ideally/, 'Ideally'));
  return parts.join(' · ');
}

// {min_fail, min_warn, max_warn, max_fail} -> the fail range and the no-warning range.
function limitRanges(limit, unit) {
  const range = (low, high) => {
    if (low !== undefined && low === high) return `${formatNumber(low)}${unit}`;
    if (low !== undefined && high !== undefined) return `${formatNumber(low)}–${formatNumber(high)}${unit}`;
    if (high !== undefined) return `≤ ${formatNumber(high)}${unit}`;
    if (low !== undefined) return `≥ ${formatNumber(low)}${unit}`;
    return '';
  };
  const hard = range(limit.min_fail, limit.max_fail);
  const soft = range(limit.min_warn ?? (limit.max_warn !== undefined ? limit.min_fail : undefined),
    limit.max_warn ?? (limit.min_warn !== undefined ? limit.max_fail : undefined));
  return { hard, soft };
}

class GradPhotoCheck extends HTMLElement {
  static observedAttributes = ['lang', 'profile', 'submit-url', 'require-code'];

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    this.lang_ = 'zh';
    this.step = 'code';
    this.profile = null;
    this.parsedProfile = null;   // the worker's early copy, before the core is ready: live guidance only
    this.codePayload = null;
    this.report = null;
    this.jpegBlob = null;
    this.jpegUrl = null;
    this.preview = null;
    this.previewScale = 1;
    this.submitted = false;
    this.beforeSubmit = null;
    this.pending = new Map();
    this.nextRequestId = 1;
    this.live = null;
    this.capturing = false;
    this.lastGuidance = null;
    this.readyFired = false;
    this.built = false;
  }

  // ---- lifecycle ------------------------------------------------------------------

  connectedCallback() {
    // The worker first: it fetches and compiles the core and its models, the longest
    // part of a start, and its thread starts only when this thread is free to hand it
    // its script. Building the UI and the first layout after it keep this thread busy
    // for 100 to 350 ms on a cold start (in a trace: 75 ms building, 250 ms of layout,
    // most of it loading the CJK font).
    const starting = !this.analysisWorker;
    this.startAnalysisWorker();
    if (!this.built) {
      this.built = true;
      this.build();
      this.restoreSession();
    }
    // Said again now that there is a status line to say it in.
    if (starting) this.setStatus('loading', 'loading_models');
  }

  // ---- what the student did, kept across a page the phone dropped ------------------

  // Saves run one after another: each merges into what the last one wrote.
  remember(fields) {
    this.saving = (this.saving ?? Promise.resolve()).then(() => saveSession(fields));
    return this.saving;
  }

  // After a reload (a discarded background tab, a crash): the 采集码 comes back, and the
  // photo that was being checked — or else the last one checked — is checked again, so
  // the student lands on its report.
  async restoreSession() {
    const saved = await loadSession();
    if (saved.code && !this.codePayload) {
      this.codePayload = saved.code;
      this.codeState = { state: 'ok', count: 1 };
      this.renderCode();
      this.updateNavigation();
    }
    const photo = saved.pending ?? saved.photo;
    if (photo && !this.report && !this.capturing) {
      this.dataset.restored = saved.pending ? 'pending' : 'photo';
      this.capturing = true;
      await this.runCheck({ type: 'check', file: photo }, [], photo);
    }
    this.dataset.sessionRestored = '';
  }

  disconnectedCallback() {
    this.stopLive();
    this.photoCamera?.stop();
    this.stopCodeScan();
    for (const worker of [this.analysisWorker, this.qrWorker]) if (worker) this.dropWorker(worker, null);
  }

  attributeChangedCallback(name, previous, value) {
    if (name === 'lang') {
      this.lang_ = (value ?? '').toLowerCase().startsWith('en') ? 'en' : 'zh';
      if (this.built) this.applyLanguage();
    } else if (name === 'profile' && this.analysisWorker && previous !== value) {
      this.profile = null;
      this.parsedProfile = null;
      this.ensureProfile();
    } else if (this.built) {
      this.updateNavigation();
    }
  }

  // What live guidance draws with: the loaded profile, or the worker's early copy of it
  // while the load is still under way (after a failed load, frames would only ask the
  // worker to load the core again and again: ensureProfile() paces the retries).
  get liveProfile() {
    return this.profile ?? (this.profilePromise ? this.parsedProfile : null);
  }

  get language() {
    return this.lang_;
  }

  get requireCode() {
    return this.hasAttribute('require-code') && this.getAttribute('require-code') !== 'false';
  }

  get submitUrl() {
    return this.getAttribute('submit-url') || null;
  }

  // ---- workers --------------------------------------------------------------------

  startAnalysisWorker() {
    if (this.analysisWorker) return;
    this.analysisWorker = this.createWorker('analysis-worker.js');
    this.setStatus('loading', 'loading_models');
    this.ensureProfile();
  }

  // The profile (and with it the models) loaded, or loading; retried after a failure
  // the next time the student needs it.
  ensureProfile() {
    if (!this.analysisWorker) this.startAnalysisWorker();
    if (this.profile) return Promise.resolve();
    // After a failure, wait a little before fetching the models again.
    if (!this.profilePromise && performance.now() - (this.profileFailedAt ?? -Infinity) < PROFILE_RETRY_MS) return Promise.resolve();
    this.profilePromise ??= this.loadProfile().finally(() => {
      this.profilePromise = null;
    });
    return this.profilePromise;
  }

  createWorker(name) {
    // 'precached': the page is served by the service worker, so the analysis worker may
    // read the core and the models straight from its cache (see analysis-worker.js).
    const precached = name === 'analysis-worker.js' && Boolean(navigator.serviceWorker?.controller);
    const worker = new Worker(new URL(name, BASE), { type: 'module', name: precached ? 'precached' : '' });
    worker.addEventListener('message', ({ data }) => this.onWorkerMessage(worker, data));
    // Fires when the worker script itself cannot be loaded or parsed.
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      const error = { code: 'worker_failed', message_zh: '后台检测线程无法启动', message_en: `A background worker could not start${event.message ? `: ${event.message}` : ''}` };
      this.dropWorker(worker, error);
      this.setStatus('error', null, error);
    });
    return worker;
  }

  // A worker that failed to start (or belongs to a removed element) is ended; the next
  // request creates a new one.
  dropWorker(worker, error) {
    worker.terminate();
    this.rejectAll(worker, error ?? { code: 'cancelled', message_zh: '已取消', message_en: 'Cancelled' });
    if (this.analysisWorker === worker) this.analysisWorker = null;
    if (this.qrWorker === worker) this.qrWorker = null;
  }

  request(worker, message, transfer = []) {
    const id = this.nextRequestId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { worker, resolve, reject });
      worker.postMessage({ ...message, id }, transfer);
    });
  }

  rejectAll(worker, error) {
    for (const [id, entry] of this.pending) {
      if (entry.worker !== worker) continue;
      this.pending.delete(id);
      entry.reject(error);
    }
  }

  // After the wasm core aborted (out of memory, a crash) the whole Worker is replaced:
  // the aborted module's memory goes with it. The 采集码, the last report and the
  // step the student is on live here in the element and are kept.
  restartAnalysisWorker() {
    if (this.analysisWorker) this.dropWorker(this.analysisWorker, null);
    this.analysisWorker = this.createWorker('analysis-worker.js');
    this.dataset.workerStarts = String(Number(this.dataset.workerStarts ?? 1) + 1);
    this.profilePromise = this.loadProfile().finally(() => {
      this.profilePromise = null;
    });
  }

  onWorkerMessage(worker, data) {
    if (data.type === 'status') {
      if (data.stage === 'loading' && !this.readyFired) this.setStatus('loading', 'loading_models');
      // How many times the wasm core was started: more than once after a crash.
      if (data.stage === 'ready' && worker === this.analysisWorker) {
        this.dataset.coreLoads = String(Number(this.dataset.coreLoads ?? 0) + 1);
        // Start-up milestone (bench/app-startup.mjs): the core and its models are loaded.
        if (!performance.getEntriesByName('gradphoto-core-ready').length) performance.mark('gradphoto-core-ready');
      }
      return;
    }
    if (data.type === 'profile-parsed') {
      // Ahead of the core: enough to start live guidance (its frames wait in the worker).
      if (worker === this.analysisWorker && data.url === this.profileUrl()) this.parsedProfile = data.profile;
      return;
    }
    const entry = data.id !== undefined ? this.pending.get(data.id) : null;
    if (data.type === 'failure') {
      if (entry) {
        this.pending.delete(data.id);
        if (data.aborted && worker === this.analysisWorker) this.restartAnalysisWorker();
        entry.reject(Object.assign(data.error, { aborted: data.aborted }));
      } else {
        this.setStatus('error', null, data.error);   // the models or the wasm failed to load
      }
      return;
    }
    if (entry) {
      this.pending.delete(data.id);
      entry.resolve(data);
    }
  }

  profileUrl() {
    const name = this.getAttribute('profile') || 'chsi-graduate';
    return /^[a-z0-9-]+$/.test(name) ? new URL(`profiles/${name}.json`, BASE).href : new URL(name, document.baseURI).href;
  }

  async loadProfile() {
    const url = this.profileUrl();
    try {
      const { profile } = await this.request(this.analysisWorker, { type: 'profile', url });
      // The profile attribute changed while this one loaded: load the new one.
      if (url !== this.profileUrl()) return this.loadProfile();
      this.profile = profile;
      this.setStatus('ready', 'models_ready');
      this.updateOutputTexts();
      if (!this.readyFired) {
        this.readyFired = true;
        this.dataset.ready = '';
        this.dispatchEvent(new CustomEvent('gradphoto-ready', { bubbles: true, composed: true, detail: { profile: profile.id } }));
      }
    } catch (error) {
      this.profileFailedAt = performance.now();
      this.setStatus('error', 'load_failed', error);
    }
    return undefined;
  }

  // ---- building the UI ------------------------------------------------------------

  build() {
    const ui = (this.ui = {});
    const i18n = (key, tag = 'span', attributes = {}) => el(tag, { 'data-i18n': key, ...attributes });
    const button = (key, attributes = {}, ...extra) =>
      el('button', { type: 'button', class: 'gp-button', ...attributes }, ...extra, i18n(key));

    ui.lang = el('button', { type: 'button', class: 'gp-lang', 'data-i18n': 'switch_lang', 'data-i18n-label': 'switch_lang_label',
      onclick: () => this.setAttribute('lang', this.lang_ === 'zh' ? 'en' : 'zh') });
    const header = el('header', { class: 'gp-header' },
      el('img', { class: 'gp-logo', src: new URL('icons/icon.svg', BASE).href, alt: '', width: 40, height: 40 }),
      el('div', { class: 'gp-titles' }, i18n('app_title', 'h1'), i18n('app_subtitle', 'p', { class: 'gp-subtitle' })),
      ui.lang);

    ui.steps = {};
    const stepper = el('ol', { class: 'gp-steps' }, ...STEPS.map((step, index) => {
      const item = el('li', { 'data-step': step },
        el('button', { type: 'button', onclick: () => this.goTo(step) },
          el('span', { class: 'gp-step-number' }, String(index + 1)), i18n(`step_${step}`, 'span', { class: 'gp-step-name' })));
      ui.steps[step] = item;
      return item;
    }));

    ui.status = el('p', { class: 'gp-status', role: 'status', 'data-state': 'loading' });

    // Step 1: 采集码
    ui.codeFile = el('input', { type: 'file', accept: 'image/*', class: 'gp-file', 'data-role': 'code-file' });
    ui.codeFile.addEventListener('change', () => {
      const [file] = ui.codeFile.files;
      if (file) this.readCodeFile(file);
      ui.codeFile.value = '';
    });
    ui.codeVideo = el('video', { playsinline: true, muted: true });
    ui.codeScan = el('div', { class: 'gp-scan', hidden: true },
      el('div', { class: 'gp-scan-box' }, ui.codeVideo, el('div', { class: 'gp-scan-frame' })),
      i18n('code_scan_hint', 'p', { class: 'gp-hint' }),
      button('code_scan_stop', { onclick: () => this.stopCodeScan() }));
    ui.codeMessage = el('p', { class: 'gp-code-message' });
    ui.codeMasked = el('code', { class: 'gp-code-masked', 'data-role': 'code-masked' });
    ui.codeLength = el('span', { class: 'gp-code-length' });
    ui.codePreview = el('p', { class: 'gp-code-preview', hidden: true }, i18n('code_masked'), ui.codeMasked, ' ', ui.codeLength);
    ui.codeFull = el('pre', { class: 'gp-code-full', 'data-role': 'code-full' });
    ui.codeDetails = el('details', { class: 'gp-code-details', hidden: true }, el('summary', {}, i18n('code_show_all')), ui.codeFull);
    ui.codeAdvice = el('p', { class: 'gp-code-advice' });
    ui.codeResult = el('div', { class: 'gp-code-result', role: 'status', 'aria-live': 'polite', hidden: true, 'data-state': 'none' },
      ui.codeMessage, ui.codePreview, ui.codeDetails, ui.codeAdvice,
      ui.codeNote = i18n('code_opaque_note', 'p', { class: 'gp-note', hidden: true }));
    ui.codeSkip = button('code_skip', { class: 'gp-button gp-quiet', onclick: () => this.goTo('photo', { skipCode: true }) });
    ui.codeNext = button('next_photo', { class: 'gp-button gp-primary', 'data-action': 'to-photo', onclick: () => this.goTo('photo') });
    ui.codeRequired = i18n('code_required', 'p', { class: 'gp-note', hidden: true });
    const codeSection = el('section', { class: 'gp-card', 'data-step': 'code' },
      i18n('code_title', 'h2'), i18n('code_intro', 'p', { class: 'gp-intro' }),
      el('div', { class: 'gp-row gp-stack' },
        el('label', { class: 'gp-button gp-primary' }, icon(ICONS.album), i18n('code_pick'), ui.codeFile),
        button('code_scan', { onclick: () => this.startCodeScan() }, icon(ICONS.qr))),
      ui.codeScan, ui.codeResult, ui.codeRequired,
      el('div', { class: 'gp-nav' }, ui.codeSkip, ui.codeNext));

    // Step 2: 拍照
    ui.video = el('video', { playsinline: true, muted: true, class: 'gp-video' });
    ui.overlay = el('canvas', { class: 'gp-overlay' });
    ui.guidanceMain = el('p', { class: 'gp-guidance-main', 'data-role': 'guidance' });
    ui.guidanceMore = el('p', { class: 'gp-guidance-more' });
    ui.guidance = el('div', { class: 'gp-guidance', role: 'status', 'aria-live': 'polite', hidden: true }, ui.guidanceMain, ui.guidanceMore);
    ui.holdBar = el('div', { class: 'gp-hold-bar' });
    ui.hold = el('div', { class: 'gp-hold', hidden: true }, ui.holdBar);
    ui.cameraMessage = el('p', { class: 'gp-camera-message' });
    ui.cameraStart = button('camera_start', { class: 'gp-button gp-primary', onclick: () => this.startPhotoCamera() });
    ui.cameraOff = el('div', { class: 'gp-camera-off' }, ui.cameraMessage, ui.cameraStart);
    ui.busy = el('div', { class: 'gp-busy', hidden: true }, el('div', { class: 'gp-spinner' }), i18n('checking', 'p'));
    ui.mirror = el('div', { class: 'gp-mirror' }, ui.video, ui.overlay);
    ui.stage = el('div', { class: 'gp-stage', 'data-camera': 'off' }, ui.mirror, ui.guidance, ui.hold, ui.cameraOff, ui.busy);
    ui.album = el('input', { type: 'file', accept: 'image/*', class: 'gp-file', 'data-role': 'photo-file' });
    ui.album.addEventListener('change', () => {
      const [file] = ui.album.files;
      if (file) this.checkFile(file);
      ui.album.value = '';
    });
    ui.switchCamera = el('button', { type: 'button', class: 'gp-icon-button', 'data-i18n-label': 'camera_switch', onclick: () => this.switchCamera() },
      icon(ICONS.switchCamera));
    ui.shutter = el('button', { type: 'button', class: 'gp-shutter', 'data-i18n-label': 'camera_capture', 'data-action': 'capture',
      disabled: true, onclick: () => this.capture('button') });
    ui.autoCapture = el('input', { type: 'checkbox', checked: true });
    ui.fps = el('span', { class: 'gp-fps', 'data-role': 'fps' });
    ui.cameraNote = el('p', { class: 'gp-note gp-warn-note', hidden: true });
    ui.photoError = el('p', { class: 'gp-error', role: 'alert', hidden: true });
    const photoSection = el('section', { class: 'gp-card', 'data-step': 'photo', hidden: true },
      i18n('photo_title', 'h2'), i18n('photo_intro', 'p', { class: 'gp-intro' }),
      ui.stage,
      el('div', { class: 'gp-camera-bar' },
        ui.switchControl = el('div', { class: 'gp-control' }, ui.switchCamera, i18n('camera_switch')),
        el('div', { class: 'gp-control' }, ui.shutter, i18n('camera_capture')),
        el('div', { class: 'gp-control' },
          el('label', { class: 'gp-icon-button', 'data-i18n-label': 'camera_album' }, icon(ICONS.album), ui.album),
          i18n('camera_album'))),
      ui.photoError, ui.cameraNote,
      el('label', { class: 'gp-toggle' }, ui.autoCapture, i18n('camera_auto')),
      el('div', { class: 'gp-row gp-row-between' },
        button('rules_open', { class: 'gp-button gp-quiet', 'data-action': 'rules', onclick: () => this.ui.rules.showModal() }, icon(ICONS.rules)),
        ui.fps));

    // Step 3: 检测结果
    ui.verdictTitle = el('p', { class: 'gp-verdict-title' });
    ui.verdictNote = el('p', { class: 'gp-verdict-note' });
    ui.verdict = el('div', { class: 'gp-verdict', 'data-verdict': '' }, ui.verdictTitle, ui.verdictNote);
    ui.annotated = el('canvas', { class: 'gp-annotated', 'data-role': 'annotated' });
    ui.checks = el('ul', { class: 'gp-checks', 'data-role': 'checks' });
    ui.toUpload = button('next_upload', { class: 'gp-button gp-primary', 'data-action': 'to-upload', onclick: () => this.goTo('upload') });
    const reportSection = el('section', { class: 'gp-card', 'data-step': 'report', hidden: true },
      i18n('report_title', 'h2'), ui.verdict,
      el('figure', { class: 'gp-figure' }, ui.annotated, i18n('annotation_legend', 'figcaption')),
      ui.checks,
      el('div', { class: 'gp-nav' }, button('retake', { 'data-action': 'retake', onclick: () => this.goTo('photo') }), ui.toUpload));

    // Step 4: 上传
    ui.jpeg = el('img', { class: 'gp-jpeg', alt: '', 'data-role': 'jpeg' });
    ui.jpegInfo = el('dl', { class: 'gp-jpeg-info', 'data-role': 'jpeg-info' });
    ui.jpegSize = el('p', { class: 'gp-jpeg-size' });
    ui.download = el('a', { class: 'gp-button gp-primary', 'data-action': 'download', download: 'photo.jpg' }, i18n('download'));
    ui.submitCode = el('code', { class: 'gp-code-masked' });
    ui.submitButton = button('submit', { class: 'gp-button gp-primary', 'data-action': 'submit', onclick: () => this.submit() });
    ui.submitStatus = el('p', { class: 'gp-submit-status', role: 'status', 'data-state': 'idle' });
    ui.submitBox = el('div', { class: 'gp-submit', hidden: true },
      el('p', {}, i18n('code_attached'), ui.submitCode),
      i18n('submit_what', 'p', { class: 'gp-note' }), ui.submitButton, ui.submitStatus);
    ui.selfUpload = i18n('upload_self', 'p', { class: 'gp-note', hidden: true });
    const uploadSection = el('section', { class: 'gp-card', 'data-step': 'upload', hidden: true },
      i18n('upload_title', 'h2'),
      el('div', { class: 'gp-upload' }, ui.jpeg, el('div', { class: 'gp-upload-text' }, ui.jpegInfo, ui.jpegSize, ui.download)),
      i18n('fee_reminder', 'p', { class: 'gp-fee' }),
      ui.submitBox, ui.selfUpload,
      el('div', { class: 'gp-nav' }, button('back', { onclick: () => this.goTo('report') })));

    // 拍照要求, one tap away from the camera.
    ui.rulesList = el('dl', { class: 'gp-rules-list' });
    ui.rules = el('dialog', { class: 'gp-rules' },
      i18n('rules_open', 'h2'), ui.rulesList,
      button('rules_close', { class: 'gp-button gp-primary', onclick: () => this.ui.rules.close() }));

    ui.sections = { code: codeSection, photo: photoSection, report: reportSection, upload: uploadSection };
    ui.root = el('div', { class: 'gp', lang: 'zh-CN' },
      header, stepper, ui.status, codeSection, photoSection, reportSection, uploadSection,
      i18n('privacy', 'footer', { class: 'gp-privacy' }), ui.rules);

    this.photoCamera = new Camera(ui.video);
    this.codeCamera = new Camera(ui.codeVideo);
    this.codeCamera.facingMode = 'environment';

    // The stylesheet comes from our own origin (no inline style under the CSP); the
    // content is attached once it has loaded so the student never sees it unstyled.
    const stylesheet = el('link', { rel: 'stylesheet', href: new URL('grad-photo-check.css', BASE).href });
    const attach = () => {
      if (!ui.root.isConnected) this.shadowRoot.append(ui.root);
    };
    stylesheet.addEventListener('load', attach, { once: true });
    stylesheet.addEventListener('error', attach, { once: true });
    this.shadowRoot.append(stylesheet);
    this.applyLanguage();
    this.goTo('code');
    this.dataset.step = 'code';
  }

  // ---- language -------------------------------------------------------------------

  applyLanguage() {
    const lang = this.lang_;
    const { ui } = this;
    ui.root.lang = lang === 'en' ? 'en' : 'zh-CN';
    for (const node of ui.root.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n, lang);
    for (const node of ui.root.querySelectorAll('[data-i18n-label]')) {
      node.setAttribute('aria-label', t(node.dataset.i18nLabel, lang));
      node.title = t(node.dataset.i18nLabel, lang);
    }
    ui.rulesList.replaceChildren(...RULES.flatMap((rule) => {
      const [term, text] = rule[lang] ?? rule.zh;
      return [el('dt', {}, term), el('dd', {}, text)];
    }));
    if (ui.status.dataset.key) this.setStatus(ui.status.dataset.state, ui.status.dataset.key, this.statusError);
    if (this.codeState) this.renderCode();
    if (this.lastGuidance) this.renderGuidance(this.lastGuidance);
    if (this.photoErrorValue && !ui.photoError.hidden) this.showPhotoError(this.photoErrorValue);
    if (this.report) this.renderReport();
    this.renderUpload();
    this.renderCameraMessage();
    this.updateOutputTexts();
  }

  // What depends on the profile's output size: the preview has the photo's aspect ratio
  // (3:4 for CHSI, 358:441 for the ID card), so the guide fills it.
  updateOutputTexts() {
    const output = this.profile?.output;
    if (output?.width && output?.height) this.ui.stage.style.aspectRatio = `${output.width} / ${output.height}`;
    if (this.jpegBlob) this.renderUpload();
  }

  setStatus(state, key, error) {
    const { status } = this.ui ?? {};
    if (!status) return;
    status.dataset.state = state;
    status.dataset.key = key ?? '';
    this.statusError = error ?? null;
    const parts = [];
    if (key) parts.push(t(key, this.lang_));
    if (error) parts.push(this.lang_ === 'en' ? error.message_en : error.message_zh);
    status.textContent = parts.join(' — ');
    status.hidden = state === 'ready';
  }

  // ---- navigation -----------------------------------------------------------------

  canEnter(step) {
    if (step === 'code') return true;
    if (step === 'photo') return !this.requireCode || Boolean(this.codePayload) || this.codeSkipped;
    if (step === 'report') return Boolean(this.report);
    if (step === 'upload') return Boolean(this.jpegBlob);
    return false;
  }

  goTo(step, { skipCode = false } = {}) {
    if (skipCode && !this.requireCode) this.codeSkipped = true;
    if (!this.canEnter(step)) return;
    const leaving = this.step;
    this.step = step;
    this.dataset.step = step;
    for (const [name, section] of Object.entries(this.ui.sections)) section.hidden = name !== step;
    if (leaving === 'code' && step !== 'code') this.stopCodeScan();
    if (step !== 'photo') {
      this.stopLive();
      this.photoCamera.stop();
      this.ui.stage.dataset.camera = 'off';
      this.renderCameraMessage();
    }
    if (step === 'photo') {
      this.ui.photoError.hidden = true;
      this.ui.busy.hidden = true;
      this.startPhotoCamera();
    }
    if (step === 'upload') this.renderUpload();
    this.updateNavigation();
    if (leaving !== step) this.ui.root.scrollIntoView?.({ block: 'start' });
  }

  updateNavigation() {
    if (!this.ui) return;
    const { ui } = this;
    STEPS.forEach((step, index) => {
      const item = ui.steps[step];
      const current = STEPS.indexOf(this.step);
      item.dataset.state = step === this.step ? 'current' : index < current ? 'done' : 'todo';
      if (step === this.step) item.setAttribute('aria-current', 'step');
      else item.removeAttribute('aria-current');
      item.querySelector('button').disabled = !this.canEnter(step);
    });
    ui.codeSkip.hidden = this.requireCode;
    ui.codeRequired.hidden = !this.requireCode || Boolean(this.codePayload);
    ui.codeNext.disabled = this.requireCode && !this.codePayload;
    ui.toUpload.disabled = !this.jpegBlob;
  }

  // ---- step 1: 采集码 -------------------------------------------------------------

  ensureQrWorker() {
    if (!this.qrWorker) this.qrWorker = this.createWorker('qr-worker.js');
    return this.qrWorker;
  }

  async readCodeFile(file) {
    this.stopCodeScan();
    this.codeState = { state: 'reading' };
    this.renderCode();
    try {
      const result = await this.request(this.ensureQrWorker(), { type: 'decode', file });
      this.onCodeDecoded(result);
    } catch (error) {
      this.codeState = { state: error.code === 'decode_failed' ? 'not-image' : 'error', error };
      this.renderCode();
    }
    // Counts finished reads, so a caller (or a test) can wait for this one.
    this.dataset.codeReads = String(Number(this.dataset.codeReads ?? 0) + 1);
  }

  onCodeDecoded({ codes }) {
    if (codes.length === 0) {
      this.codeState = { state: 'none' };
    } else {
      // Opaque text: kept exactly as read, shown only through textContent.
      this.codePayload = codes[0].text;
      this.codeState = { state: 'ok', count: codes.length };
      this.remember({ code: this.codePayload });
    }
    this.renderCode();
    this.updateNavigation();
  }

  renderCode() {
    const { ui } = this;
    const lang = this.lang_;
    const { state, count, error } = this.codeState;
    ui.codeResult.hidden = false;
    ui.codeResult.dataset.state = state;
    ui.codePreview.hidden = state !== 'ok';
    ui.codeDetails.hidden = state !== 'ok';
    ui.codeNote.hidden = state !== 'ok';
    ui.codeAdvice.textContent = '';
    if (state === 'reading') ui.codeMessage.textContent = t('code_reading', lang);
    else if (state === 'ok') {
      ui.codeMessage.textContent = t('code_ok', lang);
      ui.codeMasked.textContent = maskPayload(this.codePayload);
      const length = t('code_length', lang, { n: Array.from(this.codePayload).length });
      ui.codeLength.textContent = lang === 'en' ? `(${length})` : `（${length}）`;
      ui.codeFull.textContent = this.codePayload;
      if (count > 1) ui.codeAdvice.textContent = t('code_many', lang, { n: count });
    } else if (state === 'none') {
      ui.codeMessage.textContent = t('code_none', lang);
      ui.codeAdvice.textContent = t('code_none_advice', lang);
    } else if (state === 'not-image') {
      ui.codeMessage.textContent = t('code_not_image', lang);
      ui.codeAdvice.textContent = t('code_none_advice', lang);
    } else {
      ui.codeMessage.textContent = error ? (lang === 'en' ? error.message_en : error.message_zh) : '';
    }
    ui.submitCode.textContent = this.codePayload ? maskPayload(this.codePayload) : t('code_missing', lang);
  }

  async startCodeScan() {
    const { ui } = this;
    ui.codeScan.hidden = false;
    try {
      await this.codeCamera.start('environment');
    } catch {
      ui.codeScan.hidden = true;
      this.codeState = { state: 'error', error: { message_zh: t('camera_denied', 'zh'), message_en: t('camera_denied', 'en') } };
      this.renderCode();
      return;
    }
    const scan = (this.codeScan = { running: true });
    const worker = this.ensureQrWorker();
    while (scan.running && this.codeScan === scan) {
      const started = performance.now();
      try {
        const bitmap = await this.codeCamera.grab(1280);
        const result = await this.request(worker, { type: 'decode', bitmap }, [bitmap]);
        if (scan.running && result.codes.length > 0) {
          this.onCodeDecoded(result);
          this.stopCodeScan();
          break;
        }
      } catch {
        // A frame that fails to grab or decode: try the next one.
      }
      await sleep(Math.max(0, QR_SCAN_INTERVAL_MS - (performance.now() - started)));
    }
  }

  stopCodeScan() {
    if (this.codeScan) this.codeScan.running = false;
    this.codeScan = null;
    this.codeCamera?.stop();
    if (this.ui) this.ui.codeScan.hidden = true;
  }

  // ---- step 2: 拍照 -------------------------------------------------------------

  get mirrored() {
    return this.photoCamera.facingMode === 'user';
  }

  async startPhotoCamera() {
    const { ui } = this;
    if (this.photoCamera.active) return;
    ui.stage.dataset.camera = 'starting';
    this.cameraError = null;
    this.renderCameraMessage();
    try {
      await this.photoCamera.start(this.photoCamera.facingMode);
    } catch (error) {
      this.cameraError = error;
      ui.stage.dataset.camera = 'off';
      this.renderCameraMessage();
      return;
    }
    if (this.step !== 'photo') {
      this.photoCamera.stop();
      return;
    }
    ui.stage.dataset.camera = 'on';
    ui.mirror.classList.toggle('gp-mirrored', this.mirrored);
    ui.switchControl.classList.toggle('gp-unavailable', (await Camera.videoInputCount()) < 2);
    this.renderCameraMessage();
    this.startLive();
  }

  async switchCamera() {
    this.stopLive();
    this.photoCamera.facingMode = this.photoCamera.facingMode === 'user' ? 'environment' : 'user';
    this.photoCamera.stop();
    await this.startPhotoCamera();
  }

  renderCameraMessage() {
    if (!this.ui) return;
    const { ui } = this;
    const lang = this.lang_;
    ui.cameraMessage.textContent = this.cameraError ? t('camera_denied', lang) : t('camera_off', lang);
    ui.cameraOff.hidden = ui.stage.dataset.camera === 'on';
    ui.cameraStart.hidden = ui.stage.dataset.camera === 'starting';
    ui.shutter.disabled = ui.stage.dataset.camera !== 'on' || this.capturing;
    const { width, height } = this.photoCamera ?? {};
    // Below 480x640 in the 3:4 part of the frame the photo would have to be enlarged.
    const output = this.profile?.output ?? { width: 480, height: 640 };
    const guide = width && height ? frameGuide(width, height, output) : null;
    const low = ui.stage.dataset.camera === 'on' && guide && guide.height < output.height;
    ui.cameraNote.hidden = !low;
    if (low) ui.cameraNote.textContent = t('camera_low_res', lang, { w: width, h: height });
  }

  startLive() {
    this.stopLive();
    const live = (this.live = { running: true, frames: 0, windowStart: performance.now(), windowFrames: 0, okSince: null });
    this.dataset.liveFrames = '0';
    this.ui.guidance.hidden = false;
    this.runLive(live);
  }

  stopLive() {
    if (this.live) this.live.running = false;
    this.live = null;
    if (this.ui) {
      this.ui.guidance.hidden = true;
      this.ui.hold.hidden = true;
      this.lastGuidance = null;
      drawGuide(this.ui.overlay, {});
    }
  }

  async runLive(live) {
    // Two frames in flight: the next frame is grabbed and on its way while the worker
    // analyses the last, so the worker never waits for the page (one frame at a time
    // left it idle for the grab and both messages: about 15 frames per second). Never
    // more than two, so a slow device gets fewer frames instead of a growing queue.
    const inFlight = new Set();
    while (live.running) {
      const started = performance.now();
      if (document.hidden) {
        await sleep(200);
        continue;
      }
      if (!this.liveProfile) {
        const loading = this.ensureProfile();
        // Back as soon as the worker has parsed the profile, well before the core is
        // ready; after a failed load ensureProfile() returns at once, so wait then.
        await Promise.race([loading, sleep(PROFILE_POLL_MS)]);
        if (!this.liveProfile && !this.profilePromise) await sleep(200);
        continue;
      }
      if (inFlight.size >= LIVE_FRAMES_IN_FLIGHT) {
        await Promise.race(inFlight);
        continue;
      }
      let bitmap;
      try {
        bitmap = await this.photoCamera.grab(LIVE_MAX_SIDE);
      } catch {
        await sleep(100);
        continue;
      }
      if (!live.running) {
        bitmap.close();
        break;
      }
      const frame = this.request(this.analysisWorker, { type: 'live', bitmap, mirrored: this.mirrored }, [bitmap]).then(
        (result) => {
          if (live.running) this.onLiveResult(live, result);
        },
        async (error) => {
          if (!live.running) return;
          this.renderGuidance({ ok: false, items: [{ id: 'error' }], error });
          await sleep(200);
        },
      ).finally(() => inFlight.delete(frame));
      inFlight.add(frame);
      const wait = LIVE_MIN_INTERVAL_MS - (performance.now() - started);
      if (wait > 0) await sleep(wait);
    }
  }

  onLiveResult(live, { analysis, guidance }) {
    const now = performance.now();
    // The page's first guidance, as a User Timing mark: what the start-up benchmark
    // measures from navigation (and what a browser's performance panel shows).
    if (!GradPhotoCheck.firstGuidanceMarked) {
      GradPhotoCheck.firstGuidanceMarked = true;
      performance.mark('gradphoto-first-guidance');
    }
    live.frames += 1;
    live.windowFrames += 1;
    if (now - live.windowStart >= FPS_WINDOW_MS) {
      live.fps = (live.windowFrames * 1000) / (now - live.windowStart);
      live.windowStart = now;
      live.windowFrames = 0;
      this.ui.fps.textContent = t('live_fps', this.lang_, { fps: live.fps.toFixed(0) });
      this.dataset.liveFps = live.fps.toFixed(1);
    }
    this.dataset.liveFrames = String(live.frames);
    this.dataset.guidance = guidance.items.map((item) => item.id).join(' ') || 'ok';

    const { width, height } = this.photoCamera;
    const scale = width / analysis.width;
    const face = analysis.faces?.length === 1 ? analysis.faces[0] : null;
    const toVideo = (point) => ({ x: point.x * scale, y: point.y * scale });
    drawGuide(this.ui.overlay, {
      profile: this.liveProfile,
      video: { width, height },
      guide: frameGuide(width, height, this.liveProfile?.output),
      face: face && { key_points: { eye_left: toVideo(face.key_points.eye_left), eye_right: toVideo(face.key_points.eye_right) } },
      ok: guidance.ok,
    });

    if (guidance.ok) live.okSince ??= now;
    else live.okSince = null;
    const held = live.okSince === null ? 0 : Math.min(1, (now - live.okSince) / HOLD_STILL_MS);
    const auto = this.ui.autoCapture.checked;
    this.ui.hold.hidden = !(auto && guidance.ok);
    this.ui.holdBar.style.transform = `scaleX(${held})`;   // CSSOM, not an inline style attribute: allowed by the CSP
    this.renderGuidance(guidance);
    if (auto && held >= 1) this.capture('auto');
  }

  renderGuidance(guidance) {
    this.lastGuidance = guidance;
    const lang = this.lang_;
    const { ui } = this;
    const [first, ...rest] = guidance.items;
    ui.guidance.dataset.ok = guidance.ok ? 'true' : 'false';
    if (guidance.ok) ui.guidanceMain.textContent = t(this.ui.autoCapture.checked ? 'g_ok_auto' : 'g_ok', lang);
    else if (first?.id === 'error' && guidance.error) ui.guidanceMain.textContent = lang === 'en' ? guidance.error.message_en : guidance.error.message_zh;
    else ui.guidanceMain.textContent = t(`g_${first.id}`, lang);
    ui.guidanceMore.textContent = rest.slice(0, 2).map((item) => t(`g_${item.id}`, lang)).join(' · ');
    ui.guidanceMore.hidden = rest.length === 0;
  }

  async capture(kind) {
    if (this.capturing || !this.photoCamera.active) return;
    this.capturing = true;
    this.dataset.captured = kind;
    const { ui } = this;
    ui.shutter.disabled = true;
    let bitmap;
    try {
      bitmap = await this.photoCamera.grab();   // the full-resolution frame
    } catch (error) {
      this.capturing = false;
      this.showPhotoError({ message_zh: '拍照失败', message_en: `Could not take the photo: ${error.message}` });
      return;
    }
    this.stopLive();
    ui.video.pause();
    // The frame is kept as a lossless PNG (encoded off the main thread while the
    // worker checks it), so a dropped page can check the same pixels again.
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    canvas.getContext('2d').drawImage(bitmap, 0, 0);
    await this.runCheck({ type: 'check', bitmap }, [bitmap], canvas.convertToBlob({ type: 'image/png' }));
  }

  checkFile(file) {
    if (this.capturing) return;
    this.capturing = true;
    this.stopLive();
    this.runCheck({ type: 'check', file }, [], file);
  }

  // photo: the Blob (or a promise of it) to keep while it is checked and, once it has
  // a report, as the last photo checked.
  async runCheck(message, transfer, photo) {
    const { ui } = this;
    ui.busy.hidden = false;
    ui.photoError.hidden = true;
    this.dataset.checking = '';
    const kept = Promise.resolve(photo).then((blob) => this.remember({ pending: blob }), () => {});
    kept.then(() => {
      this.dataset.kept = 'pending';   // on the device from here on (tests wait for it)
    });
    try {
      await this.ensureProfile();
      const result = await this.request(this.analysisWorker, message, transfer);
      // A photo the core could not check at all (too large for memory, too small) is
      // a message on this step, like a file that is not a photo: the last report stays.
      if (result.report.error) {
        result.preview?.close();
        throw result.report.error;
      }
      this.onReport(result);
      kept.then(() => Promise.resolve(photo)).then((blob) => this.remember({ photo: blob, pending: undefined }), () => {});
    } catch (error) {
      kept.then(() => this.remember({ pending: undefined }));
      this.showPhotoError(error);
      if (this.photoCamera.active) {
        ui.video.play().catch(() => {});
        this.startLive();
      }
    } finally {
      this.capturing = false;
      delete this.dataset.checking;
      // Counts finished checks, so a caller (or a test) can wait for this one.
      this.dataset.checksDone = String(Number(this.dataset.checksDone ?? 0) + 1);
      ui.busy.hidden = true;
      this.renderCameraMessage();
    }
  }

  // Kept so the language switch shows the same message in the other language.
  showPhotoError(error) {
    this.photoErrorValue = error;
    this.ui.photoError.hidden = false;
    this.ui.photoError.dataset.code = error.code ?? '';
    this.ui.photoError.textContent = this.lang_ === 'en' ? error.message_en : error.message_zh;
    this.ui.photoError.scrollIntoView?.({ block: 'nearest' });
  }

  // ---- step 3: 检测结果 ---------------------------------------------------------

  onReport({ report, preview, preview_scale: previewScale }) {
    this.report = report;
    this.preview?.close();
    this.preview = preview;
    this.previewScale = previewScale;
    if (this.jpegUrl) URL.revokeObjectURL(this.jpegUrl);
    this.jpegBlob = report.jpeg?.bytes ? new Blob([report.jpeg.bytes], { type: 'image/jpeg' }) : null;
    this.jpegUrl = this.jpegBlob ? URL.createObjectURL(this.jpegBlob) : null;
    this.submitted = false;
    this.ui.submitStatus.dataset.state = 'idle';
    this.ui.submitStatus.textContent = '';
    this.dataset.verdict = report.verdict;
    this.renderReport();
    this.goTo('report');
    this.dispatchEvent(new CustomEvent('gradphoto-result', {
      bubbles: true,
      composed: true,
      detail: { report: this.reportForUpload(), jpeg: this.jpegBlob, code: this.codePayload },
    }));
  }

  renderReport() {
    const { ui } = this;
    const lang = this.lang_;
    const report = this.report;
    const checks = report.checks ?? [];
    const failed = checks.filter((check) => check.verdict === 'fail').length;
    const warned = checks.filter((check) => check.verdict === 'warn').length;
    ui.verdict.dataset.verdict = report.verdict;
    const output = this.profile?.output ?? { width: 480, height: 640 };
    if (report.verdict === 'error' || report.error) {
      ui.verdictTitle.textContent = t('verdict_error', lang);
      ui.verdictNote.textContent = report.error ? (lang === 'en' ? report.error.message_en : report.error.message_zh) : '';
    } else if (report.verdict === 'fail') {
      ui.verdictTitle.textContent = t('verdict_fail', lang, { n: failed });
      ui.verdictNote.textContent = t('no_jpeg', lang);
    } else {
      ui.verdictTitle.textContent = t(report.verdict === 'warn' ? 'verdict_warn' : 'verdict_pass', lang, { n: warned });
      ui.verdictNote.textContent = this.jpegBlob ? t('verdict_pass_note', lang, { w: output.width, h: output.height }) : '';
    }
    if (report.crop && !report.crop.feasible && (report.crop.reason_zh || report.crop.reason_en)) {
      ui.verdictNote.textContent += ` ${t('crop_infeasible', lang)}${lang === 'en' ? report.crop.reason_en : report.crop.reason_zh}`;
    }

    ui.checks.replaceChildren(...checks.map((check) => {
      const name = CHECK_NAMES[check.id]?.[lang] ?? check.id;
      const measure = measureText(check, lang);
      return el('li', { class: 'gp-check', 'data-verdict': check.verdict, 'data-id': check.id },
        el('span', { class: 'gp-badge' }, t(`v_${check.verdict}`, lang)),
        el('div', { class: 'gp-check-body' },
          el('p', { class: 'gp-check-name' }, name),
          el('p', { class: 'gp-check-message' }, lang === 'en' ? check.message_en : check.message_zh),
          measure ? el('p', { class: 'gp-check-measure' }, measure) : null));
    }));

    if (this.preview) {
      drawAnnotated(ui.annotated, { preview: this.preview, previewScale: this.previewScale, report, profile: this.profile });
    }
    this.updateNavigation();
  }

  // ---- step 4: 上传 -------------------------------------------------------------

  renderUpload() {
    if (!this.ui) return;
    const { ui } = this;
    const lang = this.lang_;
    const jpeg = this.report?.jpeg;
    const output = this.profile?.output ?? { width: 480, height: 640 };
    if (this.jpegUrl) {
      ui.jpeg.src = this.jpegUrl;
      ui.jpeg.alt = `${output.width}×${output.height}`;
      ui.download.href = this.jpegUrl;
      ui.download.download = `photo-${output.width}x${output.height}.jpg`;
      const kb = (this.jpegBlob.size / 1024).toFixed(1);
      ui.jpegInfo.replaceChildren(
        el('dt', {}, t('upload_size_label', lang)), el('dd', {}, `${output.width}×${output.height} px`),
        el('dt', {}, t('upload_bytes_label', lang)), el('dd', {}, `${kb} KB`),
        el('dt', {}, t('upload_quality_label', lang)), el('dd', {}, String(jpeg?.quality ?? '—')));
      const band = output.file_size_kb ?? { min: 30, max: 60 };
      ui.jpegSize.dataset.ok = jpeg?.in_size_band ? 'true' : 'false';
      ui.jpegSize.textContent = t(jpeg?.in_size_band ? 'upload_size_ok' : 'upload_size_off', lang, band);
    }
    ui.submitBox.hidden = !this.submitUrl;
    ui.selfUpload.hidden = Boolean(this.submitUrl);
    ui.submitCode.textContent = this.codePayload ? maskPayload(this.codePayload) : t('code_missing', lang);
    const needsCode = this.requireCode && !this.codePayload;
    ui.submitButton.disabled = needsCode || this.submitted || ui.submitStatus.dataset.state === 'busy';
    if (needsCode && ui.submitStatus.dataset.state === 'idle') ui.submitStatus.textContent = t('submit_needs_code', lang);
  }

  // What the portal receives as the report: everything the student saw, without the
  // 468-point mesh and the JPEG bytes (the photo travels as its own part).
  reportForUpload() {
    if (!this.report) return null;
    const { analysis, jpeg, ...rest } = this.report;
    return {
      ...rest,
      profile: this.profile?.id ?? null,
      analysis: analysis && {
        ...analysis,
        faces: (analysis.faces ?? []).map(({ mesh, ...face }) => face),
      },
      jpeg: jpeg && { quality: jpeg.quality, in_size_band: jpeg.in_size_band, size_bytes: jpeg.bytes?.length ?? null },
    };
  }

  async submit() {
    const { ui } = this;
    const lang = this.lang_;
    if (!this.submitUrl || !this.jpegBlob || this.submitted) return;
    if (this.requireCode && !this.codePayload) {
      ui.submitStatus.textContent = t('submit_needs_code', lang);
      return;
    }
    const body = new FormData();
    body.append('photo', this.jpegBlob, 'photo.jpg');
    body.append('report', new Blob([JSON.stringify(this.reportForUpload())], { type: 'application/json' }), 'report.json');
    body.append('code', this.codePayload ?? '');
    const request = { url: new URL(this.submitUrl, document.baseURI).href, headers: new Headers(), body, credentials: 'same-origin' };
    ui.submitStatus.dataset.state = 'busy';
    ui.submitStatus.textContent = t('submitting', lang);
    ui.submitButton.disabled = true;
    try {
      // The portal's hook: its CSRF token, its own headers, a different URL.
      if (typeof this.beforeSubmit === 'function') await this.beforeSubmit(request);
      const response = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body, credentials: request.credentials });
      const text = await response.text();
      let parsed = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: hand the text on
      }
      if (!response.ok) throw new Error(`HTTP ${response.status}${typeof parsed === 'object' && parsed?.error ? `: ${parsed.error}` : ''}`);
      this.submitted = true;
      // Submitted: the photo need not stay on the device (a shared computer); the code
      // stays, for a resubmission.
      this.remember({ photo: undefined, pending: undefined });
      ui.submitStatus.dataset.state = 'done';
      ui.submitStatus.textContent = t('submitted', lang);
      this.dispatchEvent(new CustomEvent('gradphoto-submitted', { bubbles: true, composed: true, detail: { status: response.status, response: parsed } }));
    } catch (error) {
      ui.submitStatus.dataset.state = 'error';
      ui.submitStatus.textContent = t('submit_failed', lang, { reason: error.message });
    } finally {
      this.renderUpload();
    }
  }
}

if (!customElements.get('grad-photo-check')) customElements.define('grad-photo-check', GradPhotoCheck);

export { GradPhotoCheck };
