/**
 * The kernel logo (a tiny time graph: three lanes of coloured state intervals on a dark rounded square),
 * rendered at any size and encoded as PNG with node's zlib, so the kernelspec needs no image files or deps.
 *
 * PNG spec: https://www.w3.org/TR/png/ (IHDR, IDAT, IEND chunks; CRC-32; RGBA 8-bit, filter 0).
 */
import { deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];

const BACKGROUND: Rgba = [30, 58, 95, 255];
/** Lanes in a 32-unit design grid: [y0, y1, [x0, x1, colour][]]. */
const LANES: [number, number, [number, number, Rgba][]][] = [
  [
    7,
    11,
    [
      [4, 14, [76, 175, 80, 255]],
      [16, 28, [255, 152, 0, 255]]
    ]
  ],
  [
    14,
    18,
    [
      [6, 20, [100, 181, 246, 255]],
      [22, 28, [239, 83, 80, 255]]
    ]
  ],
  [
    21,
    25,
    [
      [4, 10, [171, 71, 188, 255]],
      [12, 24, [76, 175, 80, 255]]
    ]
  ]
];

/** RGBA pixels of the logo at `size` × `size`. */
export function logoPixels(size: number): Uint8Array {
  const px = new Uint8Array(size * size * 4);
  const unit = size / 32;
  const radius = 5 * unit;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const c = colourAt((x + 0.5) / unit, (y + 0.5) / unit, x + 0.5, y + 0.5, size, radius);
      px.set(c, (y * size + x) * 4);
    }
  }
  return px;
}

function colourAt(gx: number, gy: number, x: number, y: number, size: number, r: number): Rgba {
  const cx = Math.min(Math.max(x, r), size - r);
  const cy = Math.min(Math.max(y, r), size - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return [0, 0, 0, 0];
  for (const [y0, y1, segs] of LANES) {
    if (gy < y0 || gy >= y1) continue;
    for (const [x0, x1, colour] of segs) if (gx >= x0 && gx < x1) return colour;
  }
  return BACKGROUND;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (ISO 3309, as PNG uses it). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** Encodes RGBA pixels as a PNG file. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit, RGBA, deflate, filter method 0, no interlace
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    rows[y * (width * 4 + 1)] = 0; // filter type None
    rows.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0))
  ]);
}

/** The logo as a PNG file of `size` × `size`. */
export function logoPng(size: number): Buffer {
  return encodePng(size, size, logoPixels(size));
}
