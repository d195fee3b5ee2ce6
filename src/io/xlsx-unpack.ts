// Unpacking a workbook from a client within bounds, before read-excel-file sees it.
// read-excel-file (9.3.17) unzips a Buffer with unzipper-esm, streaming through the local
// headers, inflating each XML file with zlib without any limit (into a buffer of the
// declared size, or chunks without end when no size is declared). So it is never given the
// client's archive: io/zip-directory.ts checks the central directory, each XML file is
// inflated here with its declared size as zlib's hard output limit (`maxOutputLength`:
// inflation stops the moment it passes it) and must come out exactly that size, and the
// files are handed on in a new archive that stores them uncompressed, so the library
// inflates nothing. A file that declares a DOCTYPE is refused: spreadsheets never have one,
// and although the library's XML parser (saxen) leaves `&name;` references unexpanded,
// refusing them keeps entity expansion out whatever parses the XML later.
import { inflateRawSync } from "node:zlib";
import { checkUnpackBounds, packedBytes, readZipDirectory, ZipRefusal, type UnpackLimits } from "./zip-directory.ts";
import type { ZipEntry } from "./zip-directory.ts";

/** The files read-excel-file reads (the same filter as its own): the XML parts and their relationships. */
export const isWorkbookXml = (name: string): boolean => name.endsWith(".xml") || name.endsWith(".xml.rels");

interface Unpacked {
  entry: ZipEntry;
  data: Buffer;
}

/** The workbook's XML files, each inflated within its declared size; or a ZipRefusal saying which bound it passed. */
export function unpackWorkbook(bytes: Uint8Array, limits: UnpackLimits): Unpacked[] {
  const entries = readZipDirectory(bytes, limits.maxEntries);
  checkUnpackBounds(entries, limits, isWorkbookXml);
  return entries
    .filter((e) => isWorkbookXml(e.name))
    .map((entry) => {
      const data = inflateWithin(packedBytes(bytes, entry), entry);
      if (data.includes("<!DOCTYPE"))
        throw new ZipRefusal(`${entry.name} declares a DOCTYPE, which no spreadsheet does`, false);
      return { entry, data };
    });
}

function inflateWithin(packed: Uint8Array, entry: ZipEntry): Buffer {
  if (entry.method === 0) return Buffer.from(packed);
  let data: Buffer;
  try {
    data = inflateRawSync(packed, { maxOutputLength: Math.max(entry.size, 1) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE")
      throw new ZipRefusal(
        `${entry.name} unpacks to more than the ${entry.size} bytes its ZIP directory declares`,
        true,
      );
    throw new ZipRefusal(`${entry.name} is damaged: ${(error as Error).message}`, false);
  }
  if (data.length !== entry.size)
    throw new ZipRefusal(
      `${entry.name} unpacks to ${data.length} bytes, not the ${entry.size} its ZIP directory declares`,
      false,
    );
  return data;
}

/** A ZIP archive of the files, stored uncompressed (method 0), with their names and checksums. */
export function storedArchive(files: readonly Unpacked[]): Buffer {
  const parts: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const { entry, data } of files) {
    const name = Buffer.from(entry.name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0
    local.writeUInt16LE(0x0800, 6); // names in UTF-8
    writeSizes(local, 14, entry.crc32, data.length);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    writeSizes(central, 16, entry.crc32, data.length);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    parts.push(local, name, data);
    directory.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const size = directory.reduce((sum, b) => sum + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...directory, end]);
}

/** CRC-32, packed size and unpacked size (equal when stored), at `at` of a local or central header. */
function writeSizes(header: Buffer, at: number, crc32: number, size: number): void {
  header.writeUInt32LE(crc32, at);
  header.writeUInt32LE(size, at + 4);
  header.writeUInt32LE(size, at + 8);
}
