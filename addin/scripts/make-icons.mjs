// Draws the add-in icon (a white check mark on a #0f6cbd rounded square) as RGBA PNGs, with no image library:
// the ribbon and the manifest need 16, 32, 64 and 80 px files. Run `npm run icons` after changing the drawing.
import { mkdirSync, writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const SIZES = [16, 32, 64, 80];
const OUT_DIR = new URL("../public/assets/", import.meta.url);
const PRIMARY = [0x0f, 0x6c, 0xbd];
const SUPERSAMPLE = 4;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function distanceToSegment(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

// Coverage in unit coordinates (0..1): rounded-square background and a check-mark stroke.
function sample(x, y) {
  const r = 0.2;
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  const inBackground = Math.hypot(x - cx, y - cy) <= r;
  const stroke = 0.085;
  const a = [0.26, 0.52];
  const b = [0.43, 0.69];
  const c = [0.75, 0.33];
  const onMark = distanceToSegment(x, y, a, b) <= stroke || distanceToSegment(x, y, b, c) <= stroke;
  return { inBackground, onMark };
}

function drawIcon(size) {
  const rowBytes = size * 4 + 1;
  const raw = Buffer.alloc(rowBytes * size);
  for (let py = 0; py < size; py++) {
    raw[py * rowBytes] = 0; // filter: none
    for (let px = 0; px < size; px++) {
      let bg = 0;
      let mark = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const s = sample((px + (sx + 0.5) / SUPERSAMPLE) / size, (py + (sy + 0.5) / SUPERSAMPLE) / size);
          if (s.inBackground) {
            bg++;
            if (s.onMark) mark++;
          }
        }
      }
      const n = SUPERSAMPLE * SUPERSAMPLE;
      const alpha = bg / n;
      const white = bg === 0 ? 0 : mark / bg;
      const o = py * rowBytes + 1 + px * 4;
      for (let i = 0; i < 3; i++) raw[o + i] = Math.round(PRIMARY[i] * (1 - white) + 255 * white);
      raw[o + 3] = Math.round(alpha * 255);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

mkdirSync(OUT_DIR, { recursive: true });
for (const size of SIZES) {
  const file = new URL(`icon-${size}.png`, OUT_DIR);
  const png = drawIcon(size);
  writeFileSync(file, png);
  console.log(`icon-${size}.png ${png.length} bytes`);
}
