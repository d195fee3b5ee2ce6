// A ZIP archive's central directory, read from its bytes before anything is inflated, and
// the bounds an archive from a client must keep (an XLSX workbook is a ZIP of XML files).
// A small file can inflate to gigabytes ("decompression bomb"): 1.5 MB of XLSX holding
// 1.5 GB of spaces took 6 s of CPU and 1.7 GB of memory before this check. So the
// directory is checked first: how many files, and how much the files we would read
// (XML) declare they unpack to in all, and how tightly each is compressed. Declared sizes
// can lie; io/xlsx-unpack.ts inflates each file with its declared size as a hard bound.
// Pure: bytes in, entries or a refusal out.

/** One file of the archive as its central directory describes it. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; nothing else is read. */
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  /** What the directory says the file unpacks to (it may lie). */
  size: number;
  localHeaderOffset: number;
}

/** What an archive must keep to be unpacked at all. */
export interface UnpackLimits {
  /** Files in the archive, read or not. */
  maxEntries: number;
  /** The declared sizes of the files read, added up. */
  maxUnpackedBytes: number;
  /** Unpacked ÷ packed size of any file read over RATIO_FROM_BYTES. */
  maxRatio: number;
}

/** Below this a file's compression ratio says nothing (a few repeated tags compress well). */
export const RATIO_FROM_BYTES = 1_000_000;

/** Why an archive is not unpacked. `tooLarge`: it would unpack past a limit (413), else it is malformed (422). */
export class ZipRefusal extends Error {
  constructor(
    message: string,
    readonly tooLarge: boolean,
  ) {
    super(message);
    this.name = "ZipRefusal";
  }
}

const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const ENCRYPTED = 0x0001;
const MAX_COMMENT = 0xffff;

const malformed = (why: string) => new ZipRefusal(why, false);
export const megabytes = (bytes: number): string => `${Math.round(bytes / 1_000_000).toLocaleString("en")} MB`;

/** The central directory's entries; refuses more than `maxEntries` before reading them. */
export function readZipDirectory(bytes: Uint8Array, maxEntries: number): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndOfDirectory(view);
  if (end >= 20 && view.getUint32(end - 20, true) === ZIP64_LOCATOR)
    throw malformed("it is a ZIP64 archive, which no spreadsheet of the size accepted here needs");
  const count = view.getUint16(end + 10, true);
  if (view.getUint16(end + 4, true) !== 0 || view.getUint16(end + 8, true) !== count)
    throw malformed("it spans several disks");
  if (count > maxEntries)
    throw new ZipRefusal(`the workbook holds ${count} files; a spreadsheet holds at most ${maxEntries}`, true);
  let at = view.getUint32(end + 16, true);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || view.getUint32(at, true) !== DIRECTORY_ENTRY) throw malformed("its directory is damaged");
    const nameLength = view.getUint16(at + 28, true);
    const skip = nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    if (at + 46 + nameLength > end) throw malformed("its directory is damaged");
    entries.push({
      name: Buffer.from(bytes.subarray(at + 46, at + 46 + nameLength)).toString("utf8"),
      method: view.getUint16(at + 10, true),
      flags: view.getUint16(at + 8, true),
      crc32: view.getUint32(at + 16, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localHeaderOffset: view.getUint32(at + 42, true),
    });
    at += 46 + skip;
  }
  return entries;
}

/** The end-of-directory record: the last 22 bytes, or further back past a comment. */
function findEndOfDirectory(view: DataView): number {
  const last = view.byteLength - 22;
  for (let at = last; at >= 0 && at >= last - MAX_COMMENT; at--)
    if (view.getUint32(at, true) === END_OF_DIRECTORY) return at;
  throw malformed("it is not a ZIP archive");
}

/** Refuses an archive whose files to be read declare too much in all, or one compressed as no spreadsheet is. */
export function checkUnpackBounds(entries: readonly ZipEntry[], limits: UnpackLimits, read: (name: string) => boolean) {
  const names = new Set<string>();
  const ratios: [name: string, ratio: number][] = [];
  let declared = 0;
  for (const e of entries) {
    if (names.has(e.name)) throw malformed(`it holds ${e.name} twice`);
    names.add(e.name);
    if (!read(e.name)) continue;
    if (e.flags & ENCRYPTED) throw malformed(`${e.name} is encrypted`);
    if (e.method !== 0 && e.method !== 8) throw malformed(`${e.name} is compressed with method ${e.method}`);
    if (e.size === 0xffffffff || e.compressedSize === 0xffffffff) throw malformed(`${e.name} needs ZIP64`);
    declared += e.size;
    if (e.size > RATIO_FROM_BYTES) ratios.push([e.name, e.size / Math.max(e.compressedSize, 1)]);
  }
  if (declared > limits.maxUnpackedBytes)
    throw new ZipRefusal(
      `the sheet would unpack to more than ${megabytes(limits.maxUnpackedBytes)} (its files declare ${megabytes(declared)})`,
      true,
    );
  const [name, ratio] = ratios.find(([, r]) => r > limits.maxRatio) ?? [];
  if (name !== undefined && ratio !== undefined)
    throw new ZipRefusal(
      `${name} is compressed ${Math.round(ratio)} to 1; no spreadsheet is compressed more than ${limits.maxRatio} to 1`,
      true,
    );
}

/** The packed bytes of an entry, found through its local header; refused if they lie outside the file. */
export function packedBytes(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.byteLength || view.getUint32(at, true) !== LOCAL_HEADER)
    throw malformed(`the local header of ${entry.name} is missing`);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + entry.compressedSize > bytes.byteLength) throw malformed(`${entry.name} is cut short`);
  return bytes.subarray(start, start + entry.compressedSize);
}
