// What a printed label's code says: the operation and the transport unit (and, on a
// pallet's label, which pallet of that unit). The field app reads it back, so a scan of a
// label opens the right unit without typing. Plain text in a QR code:
//   reliefline:<operation>/unit/<number>[/pallet/<n>]
// A scanned code that is not ours (a wagon number printed as a barcode) is a unit number.

export interface LabelRef {
  operation: string;
  unit: string;
  pallet?: number;
}

export type ScannedCode = { kind: "label"; label: LabelRef } | { kind: "number"; number: string };

export function labelCode(ref: LabelRef): string {
  const pallet = ref.pallet === undefined ? "" : `/pallet/${ref.pallet}`;
  return `reliefline:${encodeURIComponent(ref.operation)}/unit/${encodeURIComponent(ref.unit)}${pallet}`;
}

const LABEL = /^reliefline:([^/]+)\/unit\/([^/]+)(?:\/pallet\/(\d{1,4}))?$/;

export function parseScannedCode(text: string): ScannedCode {
  const trimmed = text.trim();
  const match = LABEL.exec(trimmed);
  if (!match) return { kind: "number", number: trimmed };
  try {
    const label: LabelRef = { operation: decodeURIComponent(match[1]!), unit: decodeURIComponent(match[2]!) };
    return { kind: "label", label: match[3] === undefined ? label : { ...label, pallet: Number(match[3]) } };
  } catch {
    return { kind: "number", number: trimmed };
  }
}
