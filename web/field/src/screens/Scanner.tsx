// The camera reads a code: the browser's BarcodeDetector where it exists, otherwise the
// WASM reader (lib/decode.ts, loaded on first use). Frames are read a few times a second
// until a code is found; the number is then checked like a typed one.
import { useEffect, useRef, useState } from "react";
import { useT } from "../i18n.tsx";

interface Detector {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}
declare global {
  interface Window {
    BarcodeDetector?: { new (options: { formats: string[] }): Detector; getSupportedFormats(): Promise<string[]> };
  }
}

async function makeReader(): Promise<(canvas: HTMLCanvasElement) => Promise<string | undefined>> {
  const Native = window.BarcodeDetector;
  const wanted = ["qr_code", "data_matrix", "code_128", "code_39", "itf", "ean_13"];
  const supported = Native
    ? (await Native.getSupportedFormats().catch(() => [] as string[])).filter((f) => wanted.includes(f))
    : [];
  if (Native && supported.length > 0) {
    const detector = new Native({ formats: supported });
    return async (canvas) => (await detector.detect(canvas))[0]?.rawValue;
  }
  const { decodeFrame } = await import("../lib/decode.ts");
  return (canvas) =>
    decodeFrame(canvas.getContext("2d", { willReadFrequently: true })!.getImageData(0, 0, canvas.width, canvas.height));
}

export default function Scanner({ onRead, onClose }: { onRead(text: string): void; onClose(): void }) {
  const { t } = useT();
  const video = useRef<HTMLVideoElement>(null);
  const reported = useRef(onRead);
  reported.current = onRead;
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let stream: MediaStream | undefined;
    let stopped = false;
    const canvas = document.createElement("canvas");
    (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
        if (stopped) return;
        const v = video.current!;
        v.srcObject = stream;
        await v.play();
        const read = await makeReader();
        while (!stopped) {
          if (v.videoWidth > 0) {
            canvas.width = v.videoWidth;
            canvas.height = v.videoHeight;
            canvas.getContext("2d", { willReadFrequently: true })!.drawImage(v, 0, 0);
            const text = await read(canvas).catch(() => undefined);
            if (text && !stopped) {
              stopped = true;
              reported.current(text);
              return;
            }
          }
          await new Promise((r) => setTimeout(r, 200));
        }
      } catch {
        if (!stopped) setFailed(true);
      }
    })();
    return () => {
      stopped = true;
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, []);
  return (
    <div className="scanner" role="dialog" aria-modal="false" aria-label={t("scan.title")}>
      <p>{failed ? t("scan.noCamera") : t("scan.title")}</p>
      {!failed && <video ref={video} muted playsInline className="scanner-video" aria-hidden="true" />}
      <button type="button" className="button" onClick={onClose}>
        {t("scan.stop")}
      </button>
    </div>
  );
}
