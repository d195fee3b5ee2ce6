// The WASM barcode reader (ZXing-C++ through zxing-wasm), for browsers without
// BarcodeDetector. Loaded only when the camera is opened on such a browser; its .wasm is
// served from our own origin (bundled by Vite), never fetched from a CDN.
import { prepareZXingModule, readBarcodes } from "zxing-wasm/reader";
import wasmUrl from "zxing-wasm/reader/zxing_reader.wasm?url";

prepareZXingModule({
  overrides: { locateFile: (path: string, prefix: string) => (path.endsWith(".wasm") ? wasmUrl : prefix + path) },
});

const FORMATS = ["QRCode", "DataMatrix", "Code128", "Code39", "ITF", "EAN13"] as const;

export async function decodeFrame(image: ImageData): Promise<string | undefined> {
  const [first] = await readBarcodes(image, { formats: [...FORMATS], tryHarder: true, maxNumberOfSymbols: 1 });
  return first?.isValid ? first.text : undefined;
}
