// The bad-input corpus: what students' phones really hand the checker, made from one
// real test photo (never copied into the repository) with Debian's tools, plus the
// outcome each file must give. The command line, the wasm module in Node and the page
// in Chromium all run this list (tests/cli/bad_input_cli_test.sh,
// tests/wasm/bad-input-corpus.test.mjs, tests/e2e/bad-input.test.mjs).
//
//   node tools/badinput/make-corpus.mjs [OUT_DIR]     (default build/badinput/corpus)
//
// Writes the files and manifest.json: [{name, file, expect}], where expect is one of
//   {error: CODE, en: TEXT, zh: TEXT}   refused with this code; both messages contain TEXT
//   {result: 'like-source'}             checked like the source photo: one face, same verdict
//   {result: 'like', reference: FILE}   checked like FILE (a lossless PNG of what the case should decode to)
//   {result: 'upright', width, height}  one face, upright, in an image of this size
//   {result: 'fails', check: ID}        checked, one face, and the check ID fails
//   {result: 'no-face', code: PAYLOAD}  checked, no face; as a 采集码 it reads back as PAYLOAD
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import QRCode from 'qrcode';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const testdataDir = process.env.GRADPHOTO_TESTDATA_DIR ?? join(repoRoot, '..', 'shared', 'testdata');
// A compliant, well-framed photo: every "correct result" case is compared with it.
export const sourcePhoto = join(testdataDir, 'webmorphR.stim', 'inst', 'neutral_front', '006_03.jpg');

const run = (command, ...args) => execFileSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
const ffmpeg = (...args) => run('ffmpeg', '-v', 'error', '-y', ...args);

// 3 KiB of the QR code's alphanumeric alphabet: near the largest 采集码 a QR can hold.
const LONG_PAYLOAD = Array.from({ length: 3072 }, (_, i) => '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:'[(i * 7 + (i >> 5)) % 45]).join('');
// A payload that would run script or inject markup if the page ever used it as HTML.
const HTML_PAYLOAD = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"><b>采集码</b>&amp;';

const refused = (error, en, zh) => ({ error, en, zh });

// A PNG written by hand: deflate compresses a plain image so well that a 20000x20000
// file is a few hundred kilobytes, and no image tool has to hold 1.2 GB of pixels.
function plainGreyPng(width, height, value) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;  // bit depth; colour type 0 (grey)
  const rows = Buffer.alloc((width + 1) * height, value);
  for (let y = 0; y < height; y++) rows[y * (width + 1)] = 0;  // filter: none
  return Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

// A phone photo stored sideways: the pixels turned 90° counter-clockwise, and EXIF
// Orientation 6 ("turn 90° clockwise to show") in an APP1 segment after SOI.
export function sidewaysExifJpeg(photo, file) {
  const raw = `${file}.raw.jpg`;
  ffmpeg('-i', photo, '-vf', 'crop=1012:1350:169:0,transpose=2', '-q:v', '2', raw);
  const jpeg = readFileSync(raw);
  const tiff = Buffer.from([
    0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08,   // big-endian TIFF, first IFD at 8
    0x00, 0x01,                                         // one entry
    0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00, // Orientation = 6
    0x00, 0x00, 0x00, 0x00,                             // no next IFD
  ]);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const segment = Buffer.concat([Buffer.from([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]), payload]);
  writeFileSync(file, Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)]));
  rmSync(raw);
}

export const CASES = [
  { name: 'empty', file: 'empty.jpg', make: (out) => writeFileSync(out, ''),
    expect: refused('unreadable_file', 'The file is empty', '文件是空的') },
  { name: 'truncated-jpeg', file: 'truncated.jpg', make: (out) => {
    const bytes = readFileSync(sourcePhoto);
    writeFileSync(out, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
  }, expect: refused('unreadable_file', 'incomplete', '不完整') },
  { name: 'truncated-png', file: 'truncated.png', make: (out, dir) => {
    const bytes = readFileSync(join(dir, 'source.png'));
    writeFileSync(out, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
  }, expect: refused('unreadable_file', 'incomplete', '不完整') },
  // A disk or transfer error zeroed the first 4 KB: the header is gone.
  { name: 'corrupt-jpeg', file: 'corrupt.jpg', make: (out) => {
    const bytes = Buffer.from(readFileSync(sourcePhoto));
    bytes.fill(0, 2, 4096);
    writeFileSync(out, bytes);
  }, expect: refused('unreadable_file', 'damaged', '已损坏') },
  // Bytes flipped in the middle of the image data: the chunk's CRC no longer matches.
  { name: 'corrupt-png', file: 'corrupt.png', make: (out, dir) => {
    const bytes = Buffer.from(readFileSync(join(dir, 'source.png')));
    const middle = bytes.length >> 1;
    for (let i = middle; i < middle + 16; i++) bytes[i] ^= 0xff;
    writeFileSync(out, bytes);
  }, expect: refused('unreadable_file', 'damaged', '已损坏') },
  { name: '1x1', file: 'tiny-1x1.png', make: (out) => ffmpeg('-i', sourcePhoto, '-vf', 'scale=1:1', out),
    expect: refused('image_too_small', 'too small (1x1)', '图像太小') },
  { name: '20000x20000', file: 'huge-20000x20000.png', make: (out) => writeFileSync(out, plainGreyPng(20000, 20000, 200)),
    expect: refused('image_too_large', '400 megapixels', '图像过大') },
  // Old scanners and "mono" filters: the photo is checked and image.colour fails it
  // (a CHSI photo must be in colour).
  { name: 'greyscale', file: 'greyscale.jpg', make: (out) => ffmpeg('-i', sourcePhoto, '-vf', 'format=gray', '-q:v', '2', out),
    expect: { result: 'fails', check: 'image.colour' } },
  // GraphicsMagick's CMYK separation darkens the photo, so the reference is its own
  // conversion back to RGB: every decoder must see what GraphicsMagick sees.
  { name: 'cmyk-jpeg', file: 'cmyk.jpg', make: (out, dir) => {
    run('gm', 'convert', sourcePhoto, '-colorspace', 'CMYK', '-quality', '95', out);
    run('gm', 'convert', out, '-colorspace', 'RGB', join(dir, 'cmyk-reference.png'));
  }, expect: { result: 'like', reference: 'cmyk-reference.png' } },
  // A cut-out: the backdrop above the head transparent, black beneath the transparency.
  // Judged over white by every host, so it must check like the same photo with those
  // rows white (a host that dropped the alpha would see a black backdrop and fail it).
  { name: 'png-alpha', file: 'alpha.png', make: (out, dir) => {
    ffmpeg('-i', sourcePhoto, '-vf', "format=rgba,geq=r='if(lt(Y,120),0,r(X,Y))':g='if(lt(Y,120),0,g(X,Y))':b='if(lt(Y,120),0,b(X,Y))':a='if(lt(Y,120),0,255)'", out);
    ffmpeg('-i', sourcePhoto, '-vf', "format=rgb24,geq=r='if(lt(Y,120),255,r(X,Y))':g='if(lt(Y,120),255,g(X,Y))':b='if(lt(Y,120),255,b(X,Y))'", join(dir, 'alpha-reference.png'));
  }, expect: { result: 'like', reference: 'alpha-reference.png' } },
  { name: 'animated-gif', file: 'animated.gif', make: (out) => ffmpeg('-loop', '1', '-i', sourcePhoto, '-t', '0.4', '-r', '10',
    '-vf', 'scale=240:240,rotate=t', '-loop', '0', out),
  expect: refused('unsupported_format', 'GIF animation', 'GIF 动图') },
  { name: 'heic', file: 'photo.heic', make: (out) => run('heif-enc', '-q', '60', '-o', out, sourcePhoto),
    expect: refused('unsupported_format', 'HEIC', 'HEIC') },
  { name: 'text-as-jpg', file: 'notes.jpg', make: (out) => writeFileSync(out, '毕业照片的要求：蓝色背景，正面免冠。\nPhoto rules: blue background, no hat.\n'),
    expect: refused('unsupported_format', 'not a photo', '不是照片') },
  // A download that failed and saved the server's error page under the photo's name.
  { name: 'web-page-as-jpg', file: 'download.jpg', make: (out) => writeFileSync(out,
    '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>\n'),
  expect: refused('unsupported_format', 'web page', '网页') },
  { name: 'exif-rotated-90', file: 'sideways-exif6.jpg', make: (out) => sidewaysExifJpeg(sourcePhoto, out),
    expect: { result: 'upright', width: 1012, height: 1350 } },
  { name: 'qr-3kb', file: 'qr-3kb.png', make: async (out) => writeFileSync(out,
    await QRCode.toBuffer(LONG_PAYLOAD, { type: 'png', width: 1240, margin: 4, errorCorrectionLevel: 'L' })),
  expect: { result: 'no-face', code: LONG_PAYLOAD } },
  { name: 'qr-html', file: 'qr-html.png', make: async (out) => writeFileSync(out,
    await QRCode.toBuffer(HTML_PAYLOAD, { type: 'png', width: 480, margin: 4, errorCorrectionLevel: 'M' })),
  expect: { result: 'no-face', code: HTML_PAYLOAD } },
];

export async function makeCorpus(outDir = join(repoRoot, 'build', 'badinput', 'corpus')) {
  if (!existsSync(sourcePhoto)) throw new Error(`test photo missing: ${sourcePhoto}`);
  mkdirSync(outDir, { recursive: true });
  // The lossless PNG of the source, which the PNG cases start from.
  ffmpeg('-i', sourcePhoto, '-pix_fmt', 'rgb24', join(outDir, 'source.png'));
  const manifest = [];
  for (const { name, file, make, expect } of CASES) {
    const path = join(outDir, file);
    await make(path, outDir);
    manifest.push({ name, file, expect });
  }
  writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify({ source: sourcePhoto, cases: manifest }, null, 1)}\n`);
  return { dir: outDir, source: sourcePhoto, cases: manifest };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { dir, cases } = await makeCorpus(process.argv[2] && resolve(process.argv[2]));
  console.log(`${cases.length} cases in ${dir}`);
}
