// Every word the student app shows, Chinese first and English beside it. Text is always
// inserted with textContent; nothing here is HTML.

export const STRINGS = {
  app_title: { zh: '毕业生照片自助检测', en: 'Graduate photo check' },
  app_subtitle: { zh: '学信网毕业生图像采集 · 上传前先检测', en: 'CHSI graduate photo · check before you upload' },
  switch_lang: { zh: 'EN', en: '中文' },
  switch_lang_label: { zh: 'Switch to English', en: '切换到中文' },
  privacy: {
    zh: '照片和采集码只在本机检测，不会自动上传；只有你点击“提交”时才会发送。',
    en: 'Your photo and code are checked on this device and never uploaded automatically; they are sent only when you press Submit.',
  },
  loading_models: { zh: '正在加载检测程序…', en: 'Loading the checker…' },
  models_ready: { zh: '检测程序已就绪', en: 'Checker ready' },
  load_failed: { zh: '检测程序加载失败', en: 'The checker could not load' },

  step_code: { zh: '采集码', en: 'Code' },
  step_photo: { zh: '拍照', en: 'Photo' },
  step_report: { zh: '检测结果', en: 'Result' },
  step_upload: { zh: '上传', en: 'Upload' },

  // Step 1
  code_title: { zh: '第 1 步：图像采集码', en: 'Step 1: collection code (图像采集码)' },
  code_intro: {
    zh: '在学信档案（高等教育信息 → 学籍 → 查看图像采集码）保存采集码图片，然后在这里选择它，确认它能被识别。登录图像采集系统要用这个采集码。',
    en: 'Save your collection code image from CHSI (学信档案: 高等教育信息 → 学籍 → 查看图像采集码), then choose it here to confirm it can be read. You log in to the collection system with this code.',
  },
  code_pick: { zh: '选择采集码图片', en: 'Choose the code image' },
  code_scan: { zh: '用摄像头扫描', en: 'Scan with the camera' },
  code_scan_stop: { zh: '停止扫描', en: 'Stop scanning' },
  code_scan_hint: { zh: '把采集码放在框内，保持稳定。', en: 'Hold the code inside the frame and keep still.' },
  code_reading: { zh: '正在识别…', en: 'Reading…' },
  code_ok: { zh: '采集码可以识别。', en: 'The code can be read.' },
  code_masked: { zh: '采集码内容（已遮盖）：', en: 'Code content (masked): ' },
  code_length: { zh: '共 {n} 个字符', en: '{n} characters' },
  code_show_all: { zh: '显示完整内容', en: 'Show everything' },
  code_opaque_note: {
    zh: '采集码是加密的，本页不解密，只原样交给学校。',
    en: 'The code is encrypted; this page does not decrypt it and hands it on unchanged.',
  },
  code_none: { zh: '这张图片里没有可识别的采集码。', en: 'No readable collection code in this image.' },
  code_none_advice: {
    zh: '请在学信档案重新保存采集码的原图（不要截图后再裁剪、不要压缩或加滤镜），再选择它；也可以用摄像头对准屏幕上的采集码扫描。',
    en: 'Save the original code image from CHSI again (not a cropped screenshot, not compressed or filtered) and choose it; or scan the code on a screen with the camera.',
  },
  code_many: { zh: '图片里有 {n} 个二维码，已使用第一个。请确认它是你的采集码。', en: 'The image holds {n} QR codes; the first one is used. Make sure it is your collection code.' },
  code_not_image: { zh: '这个文件不是图片。', en: 'This file is not an image.' },
  code_required: { zh: '学校要求先确认采集码。', en: 'Your school requires the collection code first.' },
  code_skip: { zh: '暂时跳过', en: 'Skip for now' },
  next_photo: { zh: '下一步：拍照', en: 'Next: take the photo' },

  // Step 2
  photo_title: { zh: '第 2 步：拍照', en: 'Step 2: take the photo' },
  photo_intro: {
    zh: '请站在浅蓝色（或学校要求的）纯色背景前，让脸和肩膀对准人物框。',
    en: 'Stand in front of a plain light-blue (or your school\'s) background and line your face and shoulders up with the outline.',
  },
  camera_start: { zh: '打开摄像头', en: 'Start the camera' },
  camera_switch: { zh: '切换前后摄像头', en: 'Switch camera' },
  camera_capture: { zh: '拍照', en: 'Take photo' },
  camera_album: { zh: '从相册选择', en: 'Choose from album' },
  camera_auto: { zh: '自动拍摄（各项都合格并保持 1 秒）', en: 'Auto capture (when everything holds for 1 second)' },
  camera_off: { zh: '摄像头未打开', en: 'Camera is off' },
  camera_denied: {
    zh: '无法使用摄像头（没有摄像头或没有授权）。可以从相册选择照片。',
    en: 'The camera is not available (none, or permission refused). You can choose a photo from the album.',
  },
  camera_low_res: {
    zh: '摄像头分辨率偏低（{w}×{h}），照片可能不够清晰；可以改用后置摄像头或相册里的照片。',
    en: 'The camera resolution is low ({w}×{h}); the photo may not be sharp enough. Try the rear camera or a photo from the album.',
  },
  rules_open: { zh: '拍照要求', en: 'Photo requirements' },
  rules_close: { zh: '知道了', en: 'Got it' },
  checking: { zh: '正在检测照片…', en: 'Checking the photo…' },
  live_fps: { zh: '实时检测 {fps} 帧/秒', en: 'Live check {fps} fps' },

  // Live guidance
  g_ok: { zh: '很好，保持不动', en: 'Good — hold still' },
  g_ok_auto: { zh: '很好，保持不动，马上自动拍摄', en: 'Good — hold still, taking the photo' },
  g_no_face: { zh: '没有看到人脸：请正对镜头', en: 'No face found: look at the camera' },
  g_many_faces: { zh: '画面里只能有一个人', en: 'Only one person may be in the picture' },
  g_closer: { zh: '请靠近一点', en: 'Move closer' },
  g_back: { zh: '请离远一点', en: 'Move back a little' },
  g_move_left: { zh: '脸偏右了：请往左移，对准框的中间', en: 'Your face is right of centre: move left' },
  g_move_right: { zh: '脸偏左了：请往右移，对准框的中间', en: 'Your face is left of centre: move right' },
  g_face_low: { zh: '脸在框中偏低：请把手机稍微放低一点', en: 'Your face sits low in the frame: lower the phone a little' },
  g_face_high: { zh: '脸在框中偏高：请把手机稍微抬高一点', en: 'Your face sits high in the frame: raise the phone a little' },
  g_turn: { zh: '请正对镜头，不要侧脸', en: 'Face the camera straight on' },
  g_level_head: { zh: '头歪了：请把头摆正', en: 'Your head is tilted: level your head' },
  g_chin_down: { zh: '请稍微低一点头（不要仰头）', en: 'Lower your chin a little' },
  g_chin_up: { zh: '请稍微抬一点头（不要低头）', en: 'Raise your chin a little' },
  g_shoulders: { zh: '请把两肩放平，身体坐正', en: 'Straighten your shoulders' },
  g_too_dark: { zh: '太暗了：请到光线更亮的地方', en: 'Too dark: find more light' },
  g_too_bright: { zh: '太亮了：脸部过曝，请避开直射的强光', en: 'Too bright: avoid direct strong light on your face' },
  g_one_sided: { zh: '光线不均匀（阴阳脸）：请正对光源', en: 'The light is one-sided: face the light' },
  g_error: { zh: '画面无法分析', en: 'This frame could not be analysed' },

  // Step 3
  report_title: { zh: '第 3 步：检测结果', en: 'Step 3: result' },
  verdict_pass: { zh: '照片合格', en: 'The photo passes' },
  verdict_warn: { zh: '照片可以使用，但有 {n} 项建议改进', en: 'The photo can be used, but {n} item(s) could be better' },
  verdict_fail: { zh: '照片不合格：{n} 项需要重拍', en: 'The photo fails: {n} item(s) need a new photo' },
  verdict_error: { zh: '照片无法检测', en: 'The photo could not be checked' },
  verdict_pass_note: { zh: '已生成符合要求的 {w}×{h} 照片。', en: 'A compliant {w}×{h} photo has been made.' },
  annotation_legend: {
    zh: '图中：青色框为人脸，红线为眼睛连线，黄线为头顶；绿色区域为规范要求的头顶和眼睛位置，白框为裁剪出的照片范围。',
    en: 'On the photo: cyan box = face, red line = eye line, yellow line = crown; green bands = where the spec wants the crown and the eyes; white frame = the cropped photo.',
  },
  crop_infeasible: { zh: '无法裁剪出合格照片：', en: 'A compliant photo cannot be cut: ' },
  check_value: { zh: '测量值', en: 'Measured' },
  check_limit: { zh: '要求', en: 'Limit' },
  check_ideal: { zh: '建议', en: 'ideally' },
  v_pass: { zh: '合格', en: 'Pass' },
  v_warn: { zh: '注意', en: 'Warning' },
  v_fail: { zh: '不合格', en: 'Fail' },
  v_not_measurable: { zh: '无法测量', en: 'Not measurable' },
  v_error: { zh: '出错', en: 'Error' },
  retake: { zh: '重新拍照', en: 'Take another photo' },
  next_upload: { zh: '下一步：上传', en: 'Next: upload' },
  no_jpeg: { zh: '有不合格项，不能生成上传用的照片。请按提示重拍。', en: 'Some checks fail, so no photo for upload was made. Follow the advice and take a new photo.' },

  // Step 4
  upload_title: { zh: '第 4 步：上传', en: 'Step 4: upload' },
  upload_size_label: { zh: '尺寸', en: 'Pixels' },
  upload_bytes_label: { zh: '大小', en: 'File' },
  upload_quality_label: { zh: '质量', en: 'Quality' },
  upload_size_ok: { zh: '文件大小在要求范围内（{min}–{max} KB）', en: 'File size within the required {min}–{max} KB' },
  upload_size_off: { zh: '文件大小不在 {min}–{max} KB 范围内，请确认学校的要求', en: 'File size outside {min}–{max} KB: check your school\'s requirement' },
  download: { zh: '下载照片', en: 'Download' },
  fee_reminder: {
    zh: '提醒：正常上传照片是免费的；上传后如果要更换照片，每次需付费 6 元。所以请先检测合格再上传。',
    en: 'Reminder: a normal upload is free; changing a photo after uploading costs 6 yuan each time — so check before you upload.',
  },
  upload_self: {
    zh: '下载照片后，用图像采集码登录学信网图像采集系统上传这张照片（不要用学号和身份证号登录）。',
    en: 'After downloading, log in to the CHSI collection system with your collection code (not your student number and ID) and upload this photo.',
  },
  submit: { zh: '提交给学校', en: 'Submit to the school' },
  submitting: { zh: '正在提交…', en: 'Submitting…' },
  submitted: { zh: '已提交，学校已收到你的照片。', en: 'Submitted: the school has received your photo.' },
  submit_failed: { zh: '提交失败：{reason}', en: 'Submission failed: {reason}' },
  submit_needs_code: { zh: '提交前请先在第 1 步确认采集码。', en: 'Confirm your collection code in step 1 before submitting.' },
  submit_what: {
    zh: '提交的内容：这张照片、检测报告和采集码（原样）。',
    en: 'What is sent: this photo, the check report and the collection code (unchanged).',
  },
  code_attached: { zh: '采集码：', en: 'Collection code: ' },
  code_missing: { zh: '未提供采集码', en: 'No collection code' },
  back: { zh: '返回', en: 'Back' },
};

// 拍照要求 from the spec (../shared/spec/chsi-graduate-photo.md), in the student's words.
export const RULES = [
  {
    zh: ['背景', '浅蓝色纯色背景（部分学校允许白色或浅灰色），没有渐变、阴影，背景里没有其他人或物品。'],
    en: ['Background', 'Plain light blue (some schools allow white or light grey); no gradient, no shadows, no other people or objects.'],
  },
  {
    zh: ['姿势', '人在人物框内，头部端正，不歪头、不侧脸、不低头也不仰头；两肩放平，身体正对镜头。'],
    en: ['Posture', 'Inside the outline; head upright, not tilted, turned, lowered or raised; shoulders level, body facing the camera.'],
  },
  {
    zh: ['五官', '露出双耳和眉毛，头发不遮挡眉毛和眼睛；眼睛自然睁开、平视镜头；嘴唇自然闭合，不露牙齿。'],
    en: ['Face', 'Both ears and eyebrows visible, hair not over the brows or eyes; eyes open, looking into the lens; lips closed, no teeth showing.'],
  },
  {
    zh: ['服装', '建议穿深色正装；不要条纹或复杂图案、不要与背景颜色相近的浅色衣服（会出现“黑边”），不要吊带、帽衫或领口过低的衣服。'],
    en: ['Clothing', 'Dark formal clothes are best; no stripes or busy patterns, nothing close to the background colour (it shows as a "black edge"), no straps, hoods or very low necklines.'],
  },
  {
    zh: ['饰品和眼镜', '不戴头饰、项链、耳环；戴眼镜时镜片不能反光；不戴美瞳。'],
    en: ['Accessories and glasses', 'No head ornaments, necklaces or earrings; glasses without reflections; no coloured contact lenses.'],
  },
  {
    zh: ['光线', '光线均匀，不要一边亮一边暗（阴阳脸）；脸上不要有油光、不要过曝；不要红眼；不化浓妆。'],
    en: ['Light', 'Even light, not bright on one side and dark on the other; no shiny skin or over-exposure; no red-eye; no heavy make-up.'],
  },
  {
    zh: ['真实', '不要美颜、不要 PS、不要镜像或旋转；不要翻拍纸质照片或屏幕上的照片；照片要清晰。美颜过的照片在后续人脸比对中会不通过。'],
    en: ['Genuine', 'No beautification, no retouching, no mirroring or rotating; do not photograph a print or a screen; keep it sharp. Beautified photos fail the later face comparison.'],
  },
  {
    zh: ['文件', '480×640 像素的 JPEG 照片，本页会自动裁剪生成（不修图），大小约 30–60 KB。'],
    en: ['File', 'A 480×640 px JPEG; this page cuts it for you (no retouching), about 30–60 KB.'],
  },
];

// Names of the core's check ids; an id not listed here is shown as it is.
export const CHECK_NAMES = {
  'face.count': { zh: '人脸数量', en: 'Number of faces' },
  'face.position': { zh: '头部居中', en: 'Head centred' },
  'geometry.crown': { zh: '头顶位置', en: 'Crown position' },
  'geometry.eye_line': { zh: '眼睛高度', en: 'Eye height' },
  'geometry.face_width': { zh: '脸宽', en: 'Face width' },
  'pose.roll': { zh: '头部倾斜', en: 'Head tilt' },
  'pose.yaw': { zh: '侧脸（左右转头）', en: 'Head turn' },
  'pose.pitch': { zh: '抬头或低头', en: 'Head raised or lowered' },
  'image.resolution': { zh: '清晰度（像素）', en: 'Resolution' },
  'image.colour': { zh: '彩色照片', en: 'Colour photo' },
  'image.sharpness': { zh: '对焦清晰', en: 'Sharpness' },
  'image.exposure': { zh: '曝光', en: 'Exposure' },
  'light.evenness': { zh: '光线均匀（阴阳脸）', en: 'Even light' },
  'light.highlights': { zh: '脸部油光、高光', en: 'Highlights on the face' },
  'retouch.suspected': { zh: '美颜或修图', en: 'Beautification or retouching' },
  'recapture.suspected': { zh: '翻拍', en: 'Photo of a photo or screen' },
  'eyes.open': { zh: '眼睛睁开', en: 'Eyes open' },
  'eyes.gaze': { zh: '平视镜头', en: 'Looking into the lens' },
  'eyes.redeye': { zh: '红眼', en: 'Red-eye' },
  'glasses.glare': { zh: '眼镜反光', en: 'Glasses reflection' },
  'hair.covering': { zh: '头发遮挡眉眼', en: 'Hair over brows or eyes' },
  'ears.visible': { zh: '露出双耳', en: 'Ears visible' },
  'mouth.closed': { zh: '嘴唇闭合', en: 'Mouth closed' },
  'background.colour': { zh: '背景颜色', en: 'Background colour' },
  'background.uniform': { zh: '背景均匀', en: 'Uniform background' },
  'clothing.contrast': { zh: '衣服与背景区分（黑边）', en: 'Clothing against the background' },
  'clothing.pattern': { zh: '衣服图案', en: 'Clothing pattern' },
  'shoulders.level': { zh: '两肩水平', en: 'Shoulders level' },
  'body.square': { zh: '身体正对镜头', en: 'Body square to the camera' },
  'head.covering': { zh: '头饰、帽子', en: 'Head covering' },
  'accessories.jewellery': { zh: '首饰', en: 'Jewellery' },
};

// Units as the core writes them, shown in the student's language. `short` units are
// repeated after every number; the others are descriptions, shown once after the value
// (and as `limit`, if given, after the limits).
export const UNIT_NAMES = {
  px: { zh: '像素', en: 'px', short: true },
  deg: { zh: '°', en: '°', short: true },
  faces: { zh: '张', en: 'faces', short: true },
  dB: { zh: 'dB', en: 'dB', short: true },
  'L*': { zh: 'L*', en: 'L*', short: true },
  'C*': { zh: '色度 C*', en: 'chroma C*', short: true },
  'delta-E 2000': { zh: 'ΔE2000', en: 'ΔE2000', short: true },
  'delta-E 1976': { zh: 'ΔE', en: 'ΔE', short: true },
  '% of face skin': { limit: '%', zh: '%（脸部皮肤）', en: '% of face skin' },
  '% of clothing': { limit: '%', zh: '%（衣服）', en: '% of clothing' },
  '% of crown': { limit: '%', zh: '%（头顶区域）', en: '% of crown' },
  'photo px per output px': { zh: '倍', en: '× (photo px per output px)' },
  'fine/coarse detail': { zh: '（细节/轮廓比）', en: 'fine/coarse detail' },
  'darker/brighter cheek L*': { zh: '（暗侧/亮侧脸颊亮度比）', en: 'darker/brighter cheek L*' },
  'narrower/wider side': { zh: '（窄侧/宽侧比）', en: 'narrower/wider side' },
  'cheek/eye texture': { zh: '（脸颊/眼周纹理比）', en: 'cheek/eye texture' },
  'bright spots': { zh: '个亮点', en: 'bright spots' },
  'lid gap / eye width': { zh: '（眼睑间距/眼宽）', en: 'lid gap / eye width' },
  'eye widths': { zh: '个眼宽', en: 'eye widths' },
  'mouth widths': { zh: '个嘴宽', en: 'mouth widths' },
  'share of iris disc': { zh: '（虹膜区域占比）', en: 'share of iris disc' },
  'share of eye box': { zh: '（眼部区域占比）', en: 'share of eye box' },
  'share of strip above brows': { zh: '（眉上区域占比）', en: 'share of strip above brows' },
  'share of ear box': { zh: '（耳部区域占比）', en: 'share of ear box' },
};

// t('code_length', 'zh', {n: 5}) -> '共 5 个字符'
export function t(key, lang, params = {}) {
  const entry = STRINGS[key];
  if (!entry) return key;
  return (entry[lang] ?? entry.zh).replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}
