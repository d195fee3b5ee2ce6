// ZIP archives crafted byte by byte for the decompression-bomb tests: each entry may declare
// a size other than what it holds, and may be deflated or stored. Real workbooks come from
// write-excel-file; their files can be re-packed here beside crafted ones.
import { crc32, deflateRawSync } from "node:zlib";
import writeXlsxFile from "write-excel-file/node";
import { unpackWorkbook } from "../../src/io/xlsx-unpack.ts";

export interface CraftedEntry {
  name: string;
  data: Buffer;
  /** Deflated unless 0. */
  method?: 0 | 8;
  /** The size the directory and the local header declare; the true size unless given. */
  declaredSize?: number;
}

export function craftZip(entries: readonly CraftedEntry[]): Buffer {
  const parts: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const method = e.method ?? 8;
    const packed = method === 8 ? deflateRawSync(e.data) : e.data;
    const name = Buffer.from(e.name, "utf8");
    const fields = (header: Buffer, at: number) => {
      header.writeUInt16LE(method, at);
      header.writeUInt32LE(crc32(e.data), at + 6);
      header.writeUInt32LE(packed.length, at + 10);
      header.writeUInt32LE(e.declaredSize ?? e.data.length, at + 14);
      header.writeUInt16LE(name.length, at + 18);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    fields(local, 8);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    fields(central, 10);
    central.writeUInt32LE(offset, 42);
    parts.push(local, name, packed);
    directory.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(
    directory.reduce((n, b) => n + b.length, 0),
    12,
  );
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...directory, end]);
}

/** A real workbook's XML files (from write-excel-file), to re-pack with crafted entries. */
export async function workbookFiles(rows: (string | number)[][]): Promise<CraftedEntry[]> {
  const real = await writeXlsxFile(rows).toBuffer();
  return unpackWorkbook(real, { maxEntries: 100, maxUnpackedBytes: 10_000_000, maxRatio: 1_000 }).map((f) => ({
    name: f.entry.name,
    data: f.data,
  }));
}

/** The workbook with `name`'s contents replaced (or added when it has no such file). */
export function withFile(files: readonly CraftedEntry[], replacement: CraftedEntry): CraftedEntry[] {
  const kept = files.filter((f) => f.name !== replacement.name);
  return [...kept, replacement];
}

export const SHEET = "xl/worksheets/sheet1.xml";

/** Sheet XML whose one row is padded with `padding` bytes of spaces: inflates hugely from little. */
export function paddedSheet(padding: number): Buffer {
  const head =
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
  const tail = '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>';
  return Buffer.concat([Buffer.from(head), Buffer.alloc(padding, 0x20), Buffer.from(tail)]);
}
