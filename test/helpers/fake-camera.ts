// A video for Chromium's fake camera (--use-file-for-fake-video-capture): a barcode we
// render in the test (zxing-wasm's writer for 1D codes, uqr for the QR labels we print),
// scaled onto a white 640 × 480 page and written as raw YUV4MPEG2 (4:2:0) frames.
// Nothing binary is checked in: the video is made from the number each time.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { encode } from "uqr";
import { prepareZXingModule, writeBarcode } from "zxing-wasm/writer";

const require = createRequire(import.meta.url);
let prepared = false;

/** A one-channel image: 0 is black, 255 white. */
export interface GrayImage {
  data: Uint8ClampedArray | Uint8Array;
  width: number;
  height: number;
}

export async function code128(text: string): Promise<GrayImage> {
  if (!prepared) {
    // The writer's WebAssembly from the installed package, never from a CDN.
    prepareZXingModule({
      overrides: { wasmBinary: readFileSync(require.resolve("zxing-wasm/writer/zxing_writer.wasm")).buffer } as never,
    });
    prepared = true;
  }
  const result = await writeBarcode(text, { format: "Code128" } as never);
  if (!result.symbol) throw new Error(`could not draw ${text}: ${result.error}`);
  return result.symbol;
}

export function qrCode(text: string): GrayImage {
  const qr = encode(text, { ecc: "M", border: 0 });
  const data = new Uint8Array(qr.size * qr.size);
  qr.data.forEach((row, y) => row.forEach((dark, x) => (data[y * qr.size + x] = dark ? 0 : 255)));
  return { data, width: qr.size, height: qr.size };
}

/** Writes `frames` identical frames of the image, scaled by whole pixels and centred, to a .y4m file. */
export function writeY4m(
  path: string,
  image: GrayImage,
  options: { width?: number; height?: number; frames?: number } = {},
): void {
  const W = options.width ?? 640;
  const H = options.height ?? 480;
  const scale = Math.max(1, Math.floor(Math.min((W * 0.8) / image.width, (H * 0.8) / image.height)));
  const left = Math.floor((W - image.width * scale) / 2);
  const top = Math.floor((H - image.height * scale) / 2);
  const y = Buffer.alloc(W * H, 235);
  for (let r = 0; r < image.height * scale; r++) {
    for (let c = 0; c < image.width * scale; c++) {
      const v = image.data[Math.floor(r / scale) * image.width + Math.floor(c / scale)]!;
      y[(top + r) * W + left + c] = v < 128 ? 16 : 235;
    }
  }
  const chroma = Buffer.alloc((W / 2) * (H / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from("FRAME\n"), y, chroma]);
  const frames = options.frames ?? 5;
  writeFileSync(
    path,
    Buffer.concat([
      Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`),
      ...Array.from({ length: frames }, () => frame),
    ]),
  );
}
