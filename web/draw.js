// Canvas drawing for the student app: the framing guide over the live camera preview,
// and the annotated photo on the result step. Geometry is always the profile's: the
// guide and the bands are drawn in output pixels (e.g. 480x640) and mapped onto the
// camera frame or the photo, so what the student lines up with is what the check measures.

const GREEN = '#2ecc71';
const band = (limits, fallback) => [limits?.min_fail ?? fallback[0], limits?.max_fail ?? fallback[1]];

function sizeCanvasToBox(canvas) {
  const ratio = globalThis.devicePixelRatio || 1;
  const width = Math.round(canvas.clientWidth * ratio);
  const height = Math.round(canvas.clientHeight * ratio);
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  return { width, height };
}

// The head-and-shoulders outline in output pixels: the head's top at the middle of the
// crown band, the eyes at the middle of the eye band, the face as wide as the middle of
// the face-width band. Returns a Path2D already mapped by `map` (output px -> canvas px).
function silhouette(profile, map, scale) {
  const output = { width: profile?.output?.width ?? 480, height: profile?.output?.height ?? 640 };
  const checks = profile?.checks ?? {};
  const [crownLow, crownHigh] = band(checks['geometry.crown'], [50, 110]);
  const [eyeLow, eyeHigh] = band(checks['geometry.eye_line'], [200, 300]);
  const [widthLow, widthHigh] = band(checks['geometry.face_width'], [180, 300]);
  const centreX = output.width / 2;
  const top = (crownLow + crownHigh) / 2;
  const eyes = (eyeLow + eyeHigh) / 2;
  const halfWidth = ((widthLow + widthHigh) / 2) * 0.58;    // head with hair is a little wider than the face
  const chin = eyes + (eyes - top) * 0.95;
  const headCentreY = (top + chin) / 2;
  const path = new Path2D();
  const c = map(centreX, headCentreY);
  path.ellipse(c.x, c.y, halfWidth * scale, ((chin - top) / 2) * scale, 0, 0, 2 * Math.PI);
  // Neck and shoulders down to the bottom edge.
  const neckTop = chin - (chin - top) * 0.1;
  const neckHalf = halfWidth * 0.5;
  const shoulderY = chin + (output.height - chin) * 0.45;
  const body = new Path2D();
  const p = (x, y) => map(x, y);
  const start = p(centreX - neckHalf, neckTop);
  body.moveTo(start.x, start.y);
  const a = p(centreX - neckHalf, shoulderY - 30);
  const b = p(centreX - halfWidth * 2.2, shoulderY - 10);
  const d = p(centreX - halfWidth * 2.6, output.height);
  body.bezierCurveTo(a.x, a.y, b.x, b.y, d.x, d.y);
  const e = p(centreX + halfWidth * 2.6, output.height);
  body.lineTo(e.x, e.y);
  const f = p(centreX + halfWidth * 2.2, shoulderY - 10);
  const g = p(centreX + neckHalf, shoulderY - 30);
  const k = p(centreX + neckHalf, neckTop);
  body.bezierCurveTo(f.x, f.y, g.x, g.y, k.x, k.y);
  body.closePath();
  return { head: path, body, eyeBand: [eyeLow, eyeHigh] };
}

// Live preview: `video` is {width, height} of the camera frame, the guide is in those
// pixels; the preview shows the frame with object-fit: cover. `face` (optional) is in
// frame pixels too.
export function drawGuide(canvas, { profile, video, guide, face, ok }) {
  const { width, height } = sizeCanvasToBox(canvas);
  const context = canvas.getContext('2d');
  context.clearRect(0, 0, width, height);
  if (!video?.width || !guide) return;
  const cover = Math.max(width / video.width, height / video.height);
  const offsetX = (width - video.width * cover) / 2;
  const offsetY = (height - video.height * cover) / 2;
  const outputWidth = profile?.output?.width ?? 480;
  const toCanvas = (guide.width / outputWidth) * cover;
  const map = (x, y) => ({ x: offsetX + (guide.x * cover) + x * toCanvas, y: offsetY + (guide.y * cover) + y * toCanvas });
  const shape = silhouette(profile, map, toCanvas);

  // Dim everything outside the outline so the student sees where to be.
  context.save();
  context.fillStyle = 'rgba(0, 0, 0, 0.35)';
  context.fillRect(0, 0, width, height);
  context.globalCompositeOperation = 'destination-out';
  context.fill(shape.head);
  context.fill(shape.body);
  context.restore();

  const line = Math.max(2, width / 160);
  context.lineWidth = line;
  context.setLineDash(ok ? [] : [line * 4, line * 3]);
  context.strokeStyle = ok ? GREEN : 'rgba(255, 255, 255, 0.9)';
  context.stroke(shape.head);
  context.stroke(shape.body);
  context.setLineDash([]);

  // The eye band: where the eyes should be.
  const [eyeLow, eyeHigh] = shape.eyeBand;
  const left = map(0, eyeLow);
  const right = map(outputWidth, eyeHigh);
  context.fillStyle = ok ? 'rgba(46, 204, 113, 0.16)' : 'rgba(255, 255, 255, 0.12)';
  context.fillRect(left.x, left.y, right.x - left.x, right.y - left.y);

  if (face) {
    context.fillStyle = ok ? GREEN : '#00e0ff';
    for (const eye of [face.key_points.eye_left, face.key_points.eye_right]) {
      context.beginPath();
      context.arc(offsetX + eye.x * cover, offsetY + eye.y * cover, line * 1.6, 0, 2 * Math.PI);
      context.fill();
    }
  }
}

// Result step: the photo (a downscaled preview of it) with the face box, the eye line,
// the crown line, the crop frame and the spec's bands. Coordinates in the report are
// photo pixels; the crop maps them to output pixels as (photo - [left, top]) * scale.
export function drawAnnotated(canvas, { preview, previewScale, report, profile }) {
  const output = { width: profile?.output?.width ?? 480, height: profile?.output?.height ?? 640 };
  const face = report.analysis?.faces?.[0];
  const crop = report.crop?.scale > 0 ? report.crop : null;
  const checkValue = (id) => report.checks?.find((check) => check.id === id)?.value;

  // Show the crop frame with some margin, or the whole photo when there is no crop.
  let view = { x: 0, y: 0, width: preview.width, height: preview.height };
  if (crop) {
    const frame = { x: crop.left, y: crop.top, width: output.width / crop.scale, height: output.height / crop.scale };
    const margin = 0.12 * frame.width;
    const x0 = Math.max(0, (frame.x - margin) * previewScale);
    const y0 = Math.max(0, (frame.y - margin) * previewScale);
    const x1 = Math.min(preview.width, (frame.x + frame.width + margin) * previewScale);
    const y1 = Math.min(preview.height, (frame.y + frame.height + margin) * previewScale);
    if (x1 - x0 > 8 && y1 - y0 > 8) view = { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
  }
  canvas.width = Math.round(view.width);
  canvas.height = Math.round(view.height);
  const context = canvas.getContext('2d');
  context.drawImage(preview, view.x, view.y, view.width, view.height, 0, 0, canvas.width, canvas.height);
  // photo px -> canvas px
  const px = (x) => x * previewScale - view.x;
  const py = (y) => y * previewScale - view.y;
  const unit = Math.max(1.5, canvas.width / 300);

  if (crop) {
    const ox = (x) => px(crop.left + x / crop.scale);
    const oy = (y) => py(crop.top + y / crop.scale);
    const checks = profile?.checks ?? {};
    for (const [id, fallback] of [['geometry.crown', [50, 110]], ['geometry.eye_line', [200, 300]]]) {
      const [low, high] = band(checks[id], fallback);
      context.fillStyle = 'rgba(46, 204, 113, 0.16)';
      context.fillRect(ox(0), oy(low), ox(output.width) - ox(0), oy(high) - oy(low));
      context.strokeStyle = 'rgba(46, 204, 113, 0.95)';
      context.lineWidth = unit;
      context.setLineDash([unit * 3, unit * 2]);
      for (const y of [low, high]) {
        context.beginPath();
        context.moveTo(ox(0), oy(y));
        context.lineTo(ox(output.width), oy(y));
        context.stroke();
      }
      context.setLineDash([]);
    }
    // Face-width band: ticks either side of the centre at the eye band.
    const [widthLow, widthHigh] = band(checks['geometry.face_width'], [180, 300]);
    const [eyeLow, eyeHigh] = band(checks['geometry.eye_line'], [200, 300]);
    context.strokeStyle = GREEN;
    context.lineWidth = unit;
    for (const half of [widthLow / 2, widthHigh / 2]) {
      for (const x of [output.width / 2 - half, output.width / 2 + half]) {
        context.beginPath();
        context.moveTo(ox(x), oy(eyeLow));
        context.lineTo(ox(x), oy(eyeHigh));
        context.stroke();
      }
    }
    // Centre line and the crop frame.
    context.setLineDash([unit * 4, unit * 3]);
    context.strokeStyle = 'rgba(255, 255, 255, 0.8)';
    context.beginPath();
    context.moveTo(ox(output.width / 2), oy(0));
    context.lineTo(ox(output.width / 2), oy(output.height));
    context.stroke();
    context.setLineDash([]);
    context.lineWidth = unit * 1.5;
    context.strokeStyle = 'rgba(0, 0, 0, 0.6)';
    context.strokeRect(ox(0) - unit, oy(0) - unit, ox(output.width) - ox(0) + 2 * unit, oy(output.height) - oy(0) + 2 * unit);
    context.strokeStyle = '#ffffff';
    context.strokeRect(ox(0), oy(0), ox(output.width) - ox(0), oy(output.height) - oy(0));

    const crown = checkValue('geometry.crown');
    if (typeof crown === 'number' && Number.isFinite(crown)) {
      context.strokeStyle = '#ffd600';
      context.lineWidth = unit * 1.2;
      context.beginPath();
      context.moveTo(ox(output.width * 0.2), oy(crown));
      context.lineTo(ox(output.width * 0.8), oy(crown));
      context.stroke();
    }
  }

  if (face) {
    context.strokeStyle = '#00e0ff';
    context.lineWidth = unit;
    context.strokeRect(px(face.box.x), py(face.box.y), face.box.width * previewScale, face.box.height * previewScale);
    const { eye_left: eyeLeft, eye_right: eyeRight } = face.key_points;
    // The eye line, extended a little past each eye so its angle is easy to see.
    const dx = eyeRight.x - eyeLeft.x;
    const dy = eyeRight.y - eyeLeft.y;
    context.strokeStyle = '#ff3b6b';
    context.lineWidth = unit * 1.2;
    context.beginPath();
    context.moveTo(px(eyeLeft.x - dx * 0.4), py(eyeLeft.y - dy * 0.4));
    context.lineTo(px(eyeRight.x + dx * 0.4), py(eyeRight.y + dy * 0.4));
    context.stroke();
    context.fillStyle = '#ff3b6b';
    for (const eye of [eyeLeft, eyeRight]) {
      context.beginPath();
      context.arc(px(eye.x), py(eye.y), unit * 1.8, 0, 2 * Math.PI);
      context.fill();
    }
  }
}
