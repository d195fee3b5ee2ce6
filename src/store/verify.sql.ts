// What `verify` compares, set-based: the stock moves recomputed from the events against
// stock_moves (a digest per range of events; the ranges that differ are copied into a
// temporary table of this transaction and compared row by row), the balances those moves
// imply against stock_balances, and each publication's recorded ledger head against the
// chain. Only digests and differences leave the database.
import { createHash } from "node:crypto";
import type { RecordedEvent } from "../core/events.ts";
import type { Queryable, Tx } from "./db.ts";
import type { MoveRow } from "./ledger.sql.ts";

/**
 * Events seq > `afterSeq` up to `upToSeq`, at most `limit`, in sequence order, each as one line of text
 * (`parseEventLine` reads it): the database does no JSON or date work for Node, and the line can be
 * handed to a worker thread as it is. Fields, tab-separated: seq, prev_hash, hash, id, type, event
 * time and record time as milliseconds since 1970, recorded_by, the body's JSON, then the body's unit
 * last (it is the only field that may itself hold a tab; jsonb's text never does).
 */
export async function readEventLines(
  tx: Queryable,
  operationId: string,
  afterSeq: number,
  upToSeq: number,
  limit: number,
): Promise<string[]> {
  const rows = await tx.query<{ line: string }>(
    `select concat_ws(E'\\t', seq, prev_hash, hash, id, type, floor(extract(epoch from event_time) * 1000)::int8,
       floor(extract(epoch from recorded_at) * 1000)::int8, recorded_by, body::text, coalesce(body ->> 'unit', '')) as line
     from events where operation_id = $1 and seq > $2 and seq <= $3 order by seq limit $4`,
    [operationId, afterSeq, upToSeq, limit],
  );
  return rows.map((r) => r.line);
}

/** The links of a line from `readEventLines`, without reading its JSON (the chain's links are checked in order). */
export function eventLineLink(line: string): { seq: number; prevHash: string; hash: string } {
  const a = line.indexOf("\t");
  const b = line.indexOf("\t", a + 1);
  const c = line.indexOf("\t", b + 1);
  return { seq: Number(line.slice(0, a)), prevHash: line.slice(a + 1, b), hash: line.slice(b + 1, c) };
}

/** The body's JSON text of a line from `readEventLines`. */
export function eventLineBody(line: string): string {
  let at = -1;
  for (let i = 0; i < 8; i++) at = line.indexOf("\t", at + 1);
  return line.slice(at + 1, line.indexOf("\t", at + 1));
}

/** The unit a line from `readEventLines` names ("" for none), without reading its JSON. */
export function eventLineUnit(line: string): string {
  let at = -1;
  for (let i = 0; i < 9; i++) at = line.indexOf("\t", at + 1);
  return line.slice(at + 1);
}

/** A line from `readEventLines` as the chain sees it; derived columns that disagree with the body are reported. */
export function parseEventLine(operationId: string, line: string): { record: RecordedEvent; mismatch?: string } {
  const at: number[] = [];
  let i = -1;
  for (let n = 0; n < 9; n++) at.push((i = line.indexOf("\t", i + 1)));
  const field = (n: number) => line.slice(n === 0 ? 0 : at[n - 1]! + 1, at[n]);
  const event = JSON.parse(field(8)) as RecordedEvent["event"];
  const record: RecordedEvent = {
    operationId,
    seq: Number(field(0)),
    recordedAt: new Date(Number(field(6))).toISOString(),
    recordedBy: field(7),
    event,
    prevHash: field(1),
    hash: field(2),
  };
  const mismatch =
    field(3) !== event.id
      ? "its id column differs from the recorded event"
      : field(4) !== event.type
        ? "its type column differs from the recorded event"
        : Number(field(5)) !== Date.parse(event.eventTime)
          ? "its event_time column differs from the recorded event"
          : undefined;
  return mismatch ? { record, mismatch } : { record };
}

const MOVE_COLUMNS = ["seq", "line", "item_code", "quantity", "from_code", "to_code", "event_time"] as const;

export async function createExpectedMoves(tx: Queryable): Promise<void> {
  await tx.query(
    `create temporary table verify_moves (seq bigint not null, line integer not null, item_code text not null, quantity numeric not null,
       from_code text not null, to_code text not null, event_time timestamptz not null) on commit drop`,
  );
}

const csvField = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** Recomputed moves as CSV rows for verify_moves (no header). */
export function expectedMovesCsv(moves: readonly MoveRow[]): string {
  if (moves.length === 0) return "";
  const rows = moves.map((m) =>
    [String(m.seq), String(m.line), m.item, m.quantity, m.from, m.to, m.eventTime].map(csvField).join(","),
  );
  return `${rows.join("\n")}\n`;
}

/** Adds recomputed moves (CSV from `expectedMovesCsv`) to the temporary table with one COPY. */
export async function copyExpectedMoves(tx: Tx, csv: string): Promise<void> {
  if (csv !== "") await tx.copyCsv("verify_moves", MOVE_COLUMNS, csv);
}

/**
 * One move as the digests spell it: seq, line, item, quantity without trailing zeros, from, to,
 * event time in microseconds since 1970, separated by U+001F. `movesDigest` spells it in SQL.
 */
const DIGEST_SQL = `encode(sha256(convert_to(coalesce(string_agg(concat_ws(chr(31), seq, line, item_code, trim_scale(quantity),
  from_code, to_code, floor(extract(epoch from event_time) * 1000000)::int8), chr(10) order by seq, line), ''), 'UTF8')), 'hex')`;

/** Microseconds since 1970 of an ISO 8601 time with an offset (digits past the sixth are dropped). */
function epochMicros(iso: string): number {
  const fraction = /\.\d{3}(\d{1,3})/.exec(iso);
  return Date.parse(iso) * 1000 + (fraction ? Number(fraction[1]!.padEnd(3, "0")) : 0);
}

/**
 * The digest of recomputed moves (in seq and line order), as `movesDigest` computes it of stored
 * ones. Equal digests mean equal moves; a spelling the two sides write differently (a quantity
 * with trailing zeros in an event, a time before 1970) only sends its range to the row-by-row
 * comparison, which decides.
 */
export function expectedMovesDigest(moves: readonly MoveRow[]): string {
  const text = moves
    .map((m) => [m.seq, m.line, m.item, m.quantity, m.from, m.to, epochMicros(m.eventTime)].join("\u001f"))
    .join("\n");
  return createHash("sha256").update(text).digest("hex");
}

/** The digest of the stored moves of events seq > `afterSeq` up to `upToSeq`. */
export async function movesDigest(
  tx: Queryable,
  operationId: string,
  afterSeq: number,
  upToSeq: number,
): Promise<string> {
  const [row] = await tx.query<{ digest: string }>(
    `select ${DIGEST_SQL} as digest from stock_moves where operation_id = $1 and seq > $2 and seq <= $3`,
    [operationId, afterSeq, upToSeq],
  );
  return row!.digest;
}

/** Ranges of events (seq > lo up to hi) whose stored moves are compared row by row. */
export type SeqRange = readonly [lo: number, hi: number];

export interface DriftRow {
  key: string;
  seq: number | null;
  item: string | null;
  location: string | null;
  expected: string | null;
  found: string | null;
}

const describeMove = (t: string) =>
  `${t}.item_code || ' ' || trim_scale(${t}.quantity)::text || ' from ' || ${t}.from_code || ' to ' || ${t}.to_code
   || ' at ' || to_char(${t}.event_time at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Room to compare in memory: a verify sorts or hashes every move once (the default 4 MB would spill to disk). */
export async function allowLargeComparisons(tx: Queryable): Promise<void> {
  await tx.query("set local work_mem = '256MB'");
}

/**
 * Moves missing, altered or added in stock_moves, within `ranges` (whose recomputed moves are in
 * verify_moves), and moves of events after the head; the first `limit` and how many in all.
 */
export async function movesDrift(
  tx: Queryable,
  operationId: string,
  headSeq: number,
  ranges: readonly SeqRange[],
  limit: number,
): Promise<{ rows: DriftRow[]; total: number }> {
  await tx.query(
    `create temporary table verify_moves_diff on commit drop as
     with stored as (select seq, line, item_code, quantity, from_code, to_code, event_time from stock_moves
       where operation_id = $1 and seq <= $2
         and exists (select 1 from unnest($3::int8[], $4::int8[]) as r(lo, hi) where seq > r.lo and seq <= r.hi)),
       missing as (select * from verify_moves except select * from stored),
       extra as (select * from stored except select * from verify_moves)
     select coalesce(m.seq, x.seq) as seq, coalesce(m.line, x.line) as line, coalesce(m.item_code, x.item_code) as item,
       case when m.seq is null then null else ${describeMove("m")} end as expected,
       case when x.seq is null then null else ${describeMove("x")} end as found
     from missing m full join extra x on x.seq = m.seq and x.line = m.line`,
    [operationId, headSeq, ranges.map((r) => r[0]), ranges.map((r) => r[1])],
  );
  const rows = await tx.query<DriftRow & { line: number }>(
    `select 'seq ' || seq || ' line ' || line as key, seq, line, item, null as location, expected, found from verify_moves_diff order by seq, line limit $1`,
    [limit],
  );
  const [count] = await tx.query<{ n: number }>("select count(*)::int8 as n from verify_moves_diff");
  const beyond = await tx.query<{ n: number }>(
    "select count(*)::int8 as n from stock_moves where operation_id = $1 and seq > $2",
    [operationId, headSeq],
  );
  const extraRows = Number(beyond[0]?.n ?? 0);
  const out: DriftRow[] = rows.map(({ line: _, ...r }) => ({ ...r, seq: Number(r.seq) }));
  if (extraRows > 0 && out.length < limit) {
    out.push({
      key: `seq > ${headSeq}`,
      seq: null,
      item: null,
      location: null,
      expected: null,
      found: `${extraRows} moves of events after the ledger head`,
    });
  }
  return { rows: out, total: Number(count?.n ?? 0) + (extraRows > 0 ? 1 : 0) };
}

/** A place and item's balance as the recomputed moves sum it. */
export interface ExpectedBalance {
  location: string;
  item: string;
  quantity: string;
}

/** Balances per place and item that differ from the sums of the recomputed moves (zero balances and missing rows are alike). */
export async function balancesDrift(
  tx: Queryable,
  operationId: string,
  sums: readonly ExpectedBalance[],
  limit: number,
): Promise<{ rows: DriftRow[]; total: number }> {
  await tx.query(
    `create temporary table verify_balances_diff on commit drop as
     with expected as (
       select location, item, quantity from unnest($2::text[], $3::text[], $4::numeric[]) as s(location, item, quantity)
       where quantity <> 0),
     stored as (select location_code as location, item_code as item, quantity from stock_balances where operation_id = $1 and quantity <> 0),
     missing as (select * from expected except select * from stored),
     extra as (select * from stored except select * from expected)
     select coalesce(m.location, x.location) as location, coalesce(m.item, x.item) as item,
       coalesce(trim_scale(m.quantity)::text, '0') as expected, coalesce(trim_scale(x.quantity)::text, '0') as found
     from missing m full join extra x on x.location = m.location and x.item = m.item`,
    [operationId, sums.map((s) => s.location), sums.map((s) => s.item), sums.map((s) => s.quantity)],
  );
  const rows = await tx.query<DriftRow>(
    `select location || ' / ' || item as key, null::int8 as seq, item, location, expected, found from verify_balances_diff order by location, item limit $1`,
    [limit],
  );
  const [count] = await tx.query<{ n: number }>("select count(*)::int8 as n from verify_balances_diff");
  return { rows, total: Number(count?.n ?? 0) };
}

/** Publications whose recorded head (seq, hash) is not the chain's hash at that seq. */
export async function publicationsDrift(
  tx: Queryable,
  operationId: string,
): Promise<{ rows: (DriftRow & { publication: string })[]; checked: number }> {
  const rows = await tx.query<{ id: string; seq: number; hash: string; chain: string | null }>(
    `select p.id::text as id, p.ledger_seq as seq, p.ledger_hash as hash, e.hash as chain
     from publications p left join events e on e.operation_id = p.operation_id and e.seq = p.ledger_seq
     where p.operation_id = $1 and not (p.ledger_seq = 0 and p.ledger_hash = repeat('0', 64)) and e.hash is distinct from p.ledger_hash
     order by p.published_at, p.id`,
    [operationId],
  );
  const [count] = await tx.query<{ n: number }>(
    "select count(*)::int8 as n from publications where operation_id = $1",
    [operationId],
  );
  return {
    checked: Number(count?.n ?? 0),
    rows: rows.map((r) => ({
      key: `publication ${r.id}`,
      publication: r.id,
      seq: Number(r.seq),
      item: null,
      location: null,
      expected: r.chain === null ? `an event at seq ${r.seq}` : `hash ${r.chain} at seq ${r.seq}`,
      found: `hash ${r.hash} at seq ${r.seq}`,
    })),
  };
}

/** Units with a stored state but no events at all. */
export async function statesWithoutEvents(tx: Queryable, operationId: string): Promise<string[]> {
  const rows = await tx.query<{ unit: string }>(
    `select s.unit_number as unit from unit_states s where s.operation_id = $1
       and not exists (select 1 from events e where e.operation_id = $1 and e.body ->> 'unit' = s.unit_number) order by 1`,
    [operationId],
  );
  return rows.map((r) => r.unit);
}
