// Developer page: pick a photo, decode it here, let the worker run the wasm core,
// draw what came back. Decoding stays on the page because createImageBitmap with
// imageOrientation 'from-image' applies the EXIF rotation the same way the browser
// shows the photo, so the core sees the picture the student sees.

const $ = (id) => document.getElementById(id);
const input = $('photo');
const statusLine = $('status');
const errorBox = $('error');
const canvas = $('canvas');
const resultSection = $('result');
const readout = $('readout');

// Chinese first, English beside it; "left/right" are image-left/right (see face_analysis.h).
// side: where the label goes, so the four mouth labels don't pile on top of each other.
const KEY_POINT_LABELS = {
  eye_left: { zh: '左眼', side: 'left' }, eye_right: { zh: '右眼', side: 'right' },
  nose_tip: { zh: '鼻尖', side: 'right' },
  mouth_left: { zh: '嘴角左', side: 'left' }, mouth_right: { zh: '嘴角右', side: 'right' },
  upper_lip: { zh: '上唇', side: 'above' }, lower_lip: { zh: '下唇', side: 'below' },
  chin: { zh: '下巴', side: 'below' },
  face_left: { zh: '脸左', side: 'left' }, face_right: { zh: '脸右', side: 'right' },
};

const worker = new Worker(new URL('./analysis-worker.js', import.meta.url), { type: 'module' });

let latestRequest = 0;          // only the newest photo's answer is drawn
const pending = new Map();      // request id -> {bitmap, decodeMs, sentAt}
let modelLoadMs = null;
let resultCount = 0;

function setStatus(state, zh, en) {
  statusLine.dataset.state = state;
  statusLine.replaceChildren(`${zh} `, Object.assign(document.createElement('span'), { className: 'en', textContent: en }));
}

function showError(error) {
  $('error-zh').textContent = error.message_zh;
  $('error-en').textContent = error.code ? `${error.message_en} [${error.code}]` : error.message_en;
  errorBox.hidden = false;
}

function clearView() {
  errorBox.hidden = true;
  readout.replaceChildren();
  canvas.width = 0;
  canvas.height = 0;
}

function addRow(id, zh, en, value) {
  const term = document.createElement('dt');
  term.append(`${zh} `, Object.assign(document.createElement('span'), { className: 'en', textContent: en }));
  const detail = Object.assign(document.createElement('dd'), { id, textContent: value });
  readout.append(term, detail);
}

const fmt = (n, digits = 1) => (typeof n === 'number' ? n.toFixed(digits) : '—');

function drawResult(bitmap, result) {
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  const ctx = canvas.getContext('2d');
  ctx.drawImage(bitmap, 0, 0);
  // The canvas is shown scaled down to fit; size marks by the photo so they stay visible.
  const unit = Math.max(1, Math.max(bitmap.width, bitmap.height) / 600);
  const dot = (x, y, radius) => {
    ctx.beginPath();
    ctx.arc(x, y, radius, 0, 2 * Math.PI);
    ctx.fill();
  };

  for (const face of result.faces ?? []) {
    ctx.lineWidth = 1.5 * unit;
    ctx.strokeStyle = '#00e0ff';
    ctx.strokeRect(face.box.x, face.box.y, face.box.width, face.box.height);
    if (face.mesh) {
      ctx.fillStyle = 'rgba(60, 255, 90, 0.9)';
      for (let i = 0; i + 2 < face.mesh.length; i += 3) dot(face.mesh[i], face.mesh[i + 1], unit);
    }
    if (face.key_points) {
      ctx.font = `${Math.round(8 * unit)}px sans-serif`;
      for (const [name, point] of Object.entries(face.key_points)) {
        ctx.fillStyle = '#ff3b6b';
        dot(point.x, point.y, 2.5 * unit);
        const { zh = '', side = 'right' } = KEY_POINT_LABELS[name] ?? {};
        const gap = 4 * unit;
        const [dx, dy] = { left: [-gap, 0], right: [gap, 0], above: [0, -gap], below: [0, gap] }[side];
        ctx.textAlign = { left: 'right', right: 'left' }[side] ?? 'center';
        ctx.textBaseline = { above: 'bottom', below: 'top' }[side] ?? 'middle';
        ctx.fillStyle = '#ffffff';
        ctx.strokeStyle = '#000000';
        ctx.lineWidth = 2 * unit;
        ctx.strokeText(`${zh} ${name}`, point.x + dx, point.y + dy);
        ctx.fillText(`${zh} ${name}`, point.x + dx, point.y + dy);
      }
    }
  }
}

function showReadout(result, request, roundTripMs) {
  addRow('image-size', '图像尺寸', 'Image size', `${result.width} × ${result.height}`);
  addRow('face-count', '人脸数量', 'Faces', String(result.face_count));
  result.faces.forEach((face, index) => {
    const tag = result.faces.length > 1 ? ` #${index + 1}` : '';
    addRow(`face-${index}-score`, `检测置信度${tag}`, 'Detector score',
      `${fmt(face.score, 3)}${face.landmark_score !== undefined ? ` · 关键点 landmarks ${fmt(face.landmark_score, 3)}` : ''}`);
    if (face.pose) {
      addRow(`face-${index}-pose`, `头部姿态${tag}`, 'Head pose',
        `偏航 yaw ${fmt(face.pose.yaw)}° · 俯仰 pitch ${fmt(face.pose.pitch)}° · 翻滚 roll ${fmt(face.pose.roll)}°`);
    }
  });
  const t = result.timings_ms ?? {};
  addRow('timings', '用时 (毫秒)', 'Timings (ms)',
    `解码 decode ${fmt(request.decodeMs)} · 准备 prepare ${fmt(t.prepare)} · 检测 detect ${fmt(t.detect)} · ` +
    `关键点 landmarks ${fmt(t.landmarks)} · 核心合计 core total ${fmt(t.total)} · 往返 round trip ${fmt(roundTripMs)}`);
  if (modelLoadMs !== null) addRow('model-load', '模型加载 (毫秒)', 'Model load (ms)', fmt(modelLoadMs));
}

// Typed arrays would serialise as {"0":…}; plain arrays keep the JSON readable.
const toJson = (result) =>
  JSON.stringify(result, (key, value) => (ArrayBuffer.isView(value) ? Array.from(value, (n) => Math.round(n * 100) / 100) : value));

function publish(result) {
  resultSection.dataset.result = toJson(result);
  resultSection.dataset.seq = String(++resultCount);
}

async function analyzeFile(file) {
  const id = ++latestRequest;
  clearView();
  setStatus('busy', '正在解码照片…', 'Decoding the photo…');
  const decodeStarted = performance.now();
  let bitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    if (id !== latestRequest) return;
    const error = {
      code: 'decode_failed',
      message_zh: `“${file.name}” 不是浏览器能打开的图片，请选择 JPEG 或 PNG 照片。`,
      message_en: `"${file.name}" is not an image the browser can open; choose a JPEG or PNG photo.`,
    };
    setStatus('error', '无法读取照片', 'Could not read the photo');
    showError(error);
    publish({ error });
    return;
  }
  if (id !== latestRequest) return bitmap.close();

  const scratch = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = scratch.getContext('2d', { willReadFrequently: true });
  context.drawImage(bitmap, 0, 0);
  const pixels = context.getImageData(0, 0, bitmap.width, bitmap.height);
  const decodeMs = performance.now() - decodeStarted;

  pending.set(id, { bitmap, decodeMs, sentAt: performance.now() });
  setStatus('busy', '正在分析…', 'Analysing…');
  // Transfer, not copy: a 12-megapixel photo is 48 MB of RGBA.
  worker.postMessage({ type: 'analyze', id, width: pixels.width, height: pixels.height, buffer: pixels.data.buffer },
    [pixels.data.buffer]);
}

function onResult({ id, result }) {
  const request = pending.get(id);
  pending.delete(id);
  if (!request) return;
  if (id === latestRequest) {
    drawResult(request.bitmap, result);
    showReadout(result, request, performance.now() - request.sentAt);
    if (result.error) {
      setStatus('error', '照片无法分析', 'The photo could not be analysed');
      showError(result.error);
    } else {
      setStatus('done', '分析完成', 'Done');
    }
    publish(result);
  }
  request.bitmap.close();
}

function onFailure({ id, error }) {
  // id is absent when the worker failed while loading before any photo was chosen.
  if (id !== undefined) {
    pending.get(id)?.bitmap.close();
    pending.delete(id);
    if (id !== latestRequest) return;
  }
  setStatus('error', '出错了', 'Something went wrong');
  showError(error);
  if (id !== undefined) publish({ error });
}

worker.addEventListener('message', ({ data }) => {
  if (data.type === 'status' && data.stage === 'loading') {
    // Only while no photo has been chosen: a photo's own status (busy, error, done) stays.
    // (The worker starts loading at once, but a file the browser cannot decode fails in
    // the page and may do so before the worker has said so.)
    if (latestRequest === 0) setStatus('loading', '正在加载模型…', 'Loading models…');
  } else if (data.type === 'status' && data.stage === 'ready') {
    modelLoadMs = data.elapsed_ms;
    // Don't overwrite the status of a photo already being analysed.
    if (statusLine.dataset.state === 'loading') setStatus('ready', `模型已就绪 (${fmt(modelLoadMs, 0)} 毫秒)`, `Models ready (${fmt(modelLoadMs, 0)} ms)`);
  } else if (data.type === 'result') {
    onResult(data);
  } else if (data.type === 'failure') {
    onFailure(data);
  }
});

// Fires when the worker script itself cannot be loaded or parsed; nothing else would tell us.
worker.addEventListener('error', (event) => {
  event.preventDefault();
  setStatus('error', '出错了', 'Something went wrong');
  showError({ code: 'worker_failed', message_zh: '后台分析线程无法启动', message_en: `The analysis worker could not start${event.message ? `: ${event.message}` : ''}` });
});

input.addEventListener('change', () => {
  const [file] = input.files;
  if (file) analyzeFile(file);
});
