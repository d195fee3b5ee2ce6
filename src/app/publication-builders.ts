// One content builder per publication kind. The API accepts a kind only when its builder
// is wired here (see PublishBody in api/routes/publications.routes.ts).
import { buildSnapshot, plainNames, snapshotTitle } from "../core/publication.ts";
import { snapshotScopes, statementScopes } from "./publication-scopes.ts";
import type { StatementContent } from "../core/publication.ts";
import type { LedgerEvent } from "../core/events.ts";
import type { Queryable } from "../store/db.ts";
import { listItems, listLocations } from "../store/catalogue.sql.ts";
import { eventsOfType, nonZeroBalances } from "../store/reports.sql.ts";
import { consignmentProgress } from "./progress.ts";
import { coverage } from "./coverage.ts";
import { pressStatement } from "./press.ts";
import { dayIn } from "../core/calendar.ts";
import type {
  BuildContext,
  BuiltPublication,
  ContentBuilder,
  PressStatementSource,
  SnapshotRequest,
  StatementRequest,
} from "./publication-types.ts";

/** A snapshot of consignment progress, hub stock and coverage by neighbourhood, read from the ledger's projections. */
export const snapshotBuilder: ContentBuilder<SnapshotRequest> = async (
  tx: Queryable,
  ctx: BuildContext,
  request: SnapshotRequest,
): Promise<BuiltPublication> => {
  const { operation, principal, head, now } = ctx;
  const progress = await consignmentProgress(tx, principal, operation.code, {}, now);
  const cover = await coverage(tx, principal, operation.code);
  const distributed = await eventsOfType(tx, operation.id, "GoodsDistributed");
  const content = buildSnapshot({
    operation: { code: operation.code, name: operation.name, timeZone: operation.timeZone, names: operation.names },
    head,
    computedAt: now.toISOString(),
    locations: await listLocations(tx, operation.id),
    items: await listItems(tx, operation.id),
    consignments: progress.map((c) => ({
      code: c.code,
      name: c.name,
      names: c.names,
      origin: c.origin,
      destination: c.destination,
      mode: c.mode,
      plannedUnits: c.plannedUnits,
      registered: c.registered,
      recorded: c.recorded,
      reached: c.reached,
      cargo: c.parts.flatMap((p) =>
        p.items.map((i) => ({ item: i.item, planned: i.planned, unloaded: i.unloaded, received: i.received })),
      ),
    })),
    balances: await nonZeroBalances(tx, operation.id),
    coverage: cover.rows,
    distributions: distributed.map(countsOf),
  });
  const language = request.lang ?? "en";
  const name = operation.names?.[language]?.name ?? operation.name;
  const scopes = await snapshotScopes(tx, operation.id, content, language);
  return {
    title: request.title ?? snapshotTitle(name, dayIn(operation.timeZone, now), language),
    language,
    content,
    scopes,
  };
};

/** Only the aggregate counts of a distribution: its note and team never reach a publication. */
const countsOf = (e: LedgerEvent) => ({
  neighbourhood: e.neighbourhood ?? "",
  ...(e.households !== undefined && { households: e.households }),
  ...(e.people !== undefined && { people: e.people }),
  lines: (e.lines ?? []).map((l) => ({ item: l.item, quantity: l.quantity })),
});

/** A press statement as a publication, around whatever module writes the statement. */
export const statementBuilder =
  (press: PressStatementSource): ContentBuilder<StatementRequest> =>
  async (tx, ctx, request) => {
    const statement = await press(
      tx,
      ctx.principal,
      ctx.operation.code,
      { date: request.date, lang: request.lang },
      ctx.now,
    );
    const names = plainNames(ctx.operation.names);
    const content: StatementContent = {
      kind: "statement",
      operation: { code: ctx.operation.code, name: ctx.operation.name, ...(names && { names }) },
      ledger: { seq: ctx.head.seq, hash: ctx.head.hash },
      date: request.date,
      text: statement.text,
      figures: statement.figures,
    };
    const scopes = await statementScopes(tx, ctx.operation, request.date, statement.figures);
    return { title: request.title ?? statement.title, language: request.lang, content, scopes };
  };

export interface ContentBuilders {
  snapshot: ContentBuilder<SnapshotRequest>;
  statement?: ContentBuilder<StatementRequest>;
}

/** The press statement of a day, read through the publish transaction; its heading line is the title. */
const pressSource: PressStatementSource = async (tx, principal, operationCode, request, now) => {
  const statement = await pressStatement(tx, principal, operationCode, request, now);
  const title = statement.text.trim().split("\n")[0] ?? `Press statement ${request.date}`;
  return { title, text: statement.text, figures: statement.figures };
};

export const CONTENT_BUILDERS: ContentBuilders = {
  snapshot: snapshotBuilder,
  statement: statementBuilder(pressSource),
};
