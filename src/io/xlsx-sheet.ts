// The first sheet of an XLSX workbook from a client, as rows of cells, read within bounds:
// the workbook is unpacked by io/xlsx-unpack.ts (directory checked, every file inflated
// within its declared size) and only then parsed by read-excel-file. The bounds per use:
//
// - a needs sheet (at most 10,000 needs × 8 columns; `MAX_NEEDS`): a full one written by
//   a spreadsheet program unpacks to about 3 MB, so 16 MB;
// - a manifest file (at most 100,000 rows × 4 columns; `MAX_MANIFEST_ROWS`): a full one with
//   long unit numbers and item codes unpacks to about 21 MB, so 64 MB;
// - either: at most 1,000 files in the archive (a workbook has 8 to a few dozen) and no
//   file over 1 MB compressed more than 200 to 1 (spreadsheets measure 5 to 15 to 1;
//   deflate's most is about 1,030 to 1, which is what bombs use).
//
// Parsing 21 MB of sheet XML takes about 1.7 s and 110 MB of memory, so these bounds also
// bound the cost of a sheet that is what it says it is.
import type { UnpackLimits } from "./zip-directory.ts";
import { storedArchive, unpackWorkbook } from "./xlsx-unpack.ts";

export type Cell = string | number | boolean | Date | null | undefined;

const SHARED = { maxEntries: 1_000, maxRatio: 200 } as const;
export const NEEDS_SHEET_LIMITS: UnpackLimits = { ...SHARED, maxUnpackedBytes: 16_000_000 };
export const MANIFEST_FILE_LIMITS: UnpackLimits = { ...SHARED, maxUnpackedBytes: 64_000_000 };

/** The first sheet's rows; a ZipRefusal when the workbook passes a bound, an error of read-excel-file when it is no workbook. */
export async function readFirstSheet(bytes: Uint8Array, limits: UnpackLimits): Promise<Cell[][]> {
  const archive = storedArchive(unpackWorkbook(bytes, limits));
  const { readSheet } = await import("read-excel-file/node"); // loaded only for spreadsheets
  return (await readSheet(archive)) as Cell[][];
}
