// An operation's ledger as a JSON Lines export, read a page at a time, up to the head
// it had when the export began (later appends are left for the next export).
import type { ExportHeader } from "../core/ledger-export.ts";
import { EXPORT_FORMAT, EXPORT_VERSION, eventLine, headerLine } from "../core/ledger-export.ts";
import type { Db } from "../store/db.ts";
import { readChainHead, readEvents } from "../store/ledger.sql.ts";
import type { Principal } from "./principal.ts";
import { authorise } from "./principal.ts";

export interface LedgerExport {
  header: ExportHeader;
  /** The header line, then one line per event, each ending with a newline. */
  lines: AsyncGenerator<string>;
}

export async function exportLedger(
  db: Db,
  principal: Principal,
  operationCode: string,
  now: Date,
): Promise<LedgerExport> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "read" });
  const head = await readChainHead(db, operation.id);
  const header: ExportHeader = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    operation: { id: operation.id, code: operation.code, name: operation.name },
    head,
    exportedAt: now.toISOString(),
  };
  async function* lines(): AsyncGenerator<string> {
    yield headerLine(header);
    for await (const { record } of readEvents(db, operation.id)) {
      if (record.seq > head.seq) return;
      yield eventLine(record);
    }
  }
  return { header, lines: lines() };
}
