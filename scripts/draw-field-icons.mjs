// Draws the field app's PNG icons (web/public/field/icon-192.png, icon-512.png) from the
// same shapes as icon.svg: a teal square, three white bars, a light dot. No image library:
// pixels by hand, PNG by zlib. Run: node scripts/draw-field-icons.mjs
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const TEAL = [0x0d, 0x6e, 0x66],
  WHITE = [0xff, 0xff, 0xff],
  DOT = [0x9b, 0xe3, 0xd9];

function pixel(x, y) {
  // Coordinates on the 64-unit grid of icon.svg; maskable: the whole square is painted.
  const bar = (y0, x1) =>
    Math.abs(y - y0) <= 3 &&
    x >= 14 - 3 &&
    x <= x1 + 3 &&
    ((x >= 14 && x <= x1) || Math.hypot(x - (x < 14 ? 14 : x1), y - y0) <= 3);
  if (bar(44, 50) || bar(32, 40) || bar(20, 30)) return WHITE;
  if (Math.hypot(x - 48, y - 20) <= 5) return DOT;
  return TEAL;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
};

function png(size) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) {
      const [r, g, b] = pixel(((x + 0.5) / size) * 64, ((y + 0.5) / size) * 64);
      row.set([r, g, b], 1 + x * 3);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

for (const size of [192, 512])
  writeFileSync(new URL(`../web/public/field/icon-${size}.png`, import.meta.url), png(size));
